"""The Django project: the only part of feltsafe that imports Django."""

"""feltsafe."""

"""feltsafe: a private companion for emotional safety in close relationships.

The packages beside `web/` are the framework-free core: plain, typed Python that the web app,
the JSON API, the command line and the tests all call the same way. Only `web/` imports Django.
"""

__version__ = "0.1.0"

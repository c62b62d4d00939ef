"""probe: read everything that decides whether TensorFlow can use a GPU, through one Host.

One module per source; `collect.probe` runs them all. Importing this package loads none of them.
"""

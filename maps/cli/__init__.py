"""The ``caspian`` command line: entry point, options, output, a module per command.
"""

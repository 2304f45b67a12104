"""Commands: one module per command or family. Each returns a result object; none writes to stdout or stderr."""

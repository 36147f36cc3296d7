"""The `newsdigest` command line: one entry point for analysis, the archive and the bot."""

"""Commands of this group register themselves on ``redline.cli.app``."""

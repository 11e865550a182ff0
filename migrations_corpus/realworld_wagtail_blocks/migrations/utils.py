# Minimal copy of wagtail 6.3.2 wagtail/blocks/migrations/utils.py.


class InvalidBlockDefError(Exception):
    """Exception for invalid block definitions"""


def should_alter_block(block_name, block_path):
    # If the block is not at the end of the path, it needs to be altered.
    return block_name == block_path[0]

# Minimal copy of wagtail 6.3.2 wagtail/blocks/migrations/operations.py: helpers for data migrations of
# StreamField blocks. wagtail.blocks is not a Django app; no file of this package defines a Migration class.
from abc import ABC, abstractmethod

from django.utils.deconstruct import deconstructible


class BaseBlockOperation(ABC):
    def __init__(self):
        pass

    @abstractmethod
    def apply(self, block_value):
        pass


@deconstructible
class RenameStreamChildrenOperation(BaseBlockOperation):
    def __init__(self, old_name, new_name):
        super().__init__()
        self.old_name = old_name
        self.new_name = new_name

    def apply(self, block_value):
        return [child for child in block_value if child.block_type != self.old_name]

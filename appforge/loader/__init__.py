"""Stage 1: read spec files into located data (see :mod:`.yaml_loader`, :mod:`.project`)."""

from appforge.loader.project import ENTRY_FILE, LoadedProject, find_entry, load_project
from appforge.loader.yaml_loader import LoadedDocument, load_yaml

__all__ = ["ENTRY_FILE", "LoadedDocument", "LoadedProject", "find_entry", "load_project",
           "load_yaml"]

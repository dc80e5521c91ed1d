"""Where the ontology, the shapes and the data live.

In a source checkout (or an editable install) they are the top-level ``ontology/``,
``shapes/`` and ``data/`` folders. A wheel carries them as ``nap_graph/_resources/``
(see ``[tool.hatch.build.targets.wheel.force-include]`` in ``pyproject.toml``).
The installed copy wins when present, so an installed nap-graph never reads a stray
checkout.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from nap_graph.errors import ResourceNotFoundError

_PACKAGE_DIR = Path(__file__).resolve().parent
_FOLDERS = ("ontology", "shapes", "data")


@cache
def resource_root() -> Path:
    """The folder holding ``ontology/``, ``shapes/`` and ``data/``."""
    for candidate in (_PACKAGE_DIR / "_resources", _PACKAGE_DIR.parent):
        if all((candidate / name).is_dir() for name in _FOLDERS):
            return candidate
    raise ResourceNotFoundError(
        f"cannot find the folders {', '.join(_FOLDERS)} next to {_PACKAGE_DIR}: "
        "expected them in the installed package (nap_graph/_resources) or in the source "
        "checkout; reinstall nap-graph with `pip install .`"
    )


def ontology_path() -> Path:
    """The WPS ontology, ``ontology/wps.ttl``."""
    return resource_root() / "ontology" / "wps.ttl"


def alignments_path() -> Path:
    """Statements about other vocabularies' terms, ``ontology/alignments.ttl``."""
    return resource_root() / "ontology" / "alignments.ttl"


def vocabulary_labels_path() -> Path:
    """English and Dutch labels of other vocabularies' terms, ``ontology/vocabulary-labels.ttl``."""
    return resource_root() / "ontology" / "vocabulary-labels.ttl"


def shapes_dir() -> Path:
    """The folder of SHACL shape files."""
    return resource_root() / "shapes"


def data_dir() -> Path:
    """The folder of reference data, curated graphs and received submissions."""
    return resource_root() / "data"


def example_queries_dir() -> Path:
    """The competency questions (``docs/queries/*.rq``), shipped with the package."""
    return resource_root() / "docs" / "queries"

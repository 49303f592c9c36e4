"""dbay: every provision of Guangdong's digital-policy documents as a row.

The code lives in the project's top-level folders ``build/`` (the pipeline), ``schema/`` (the
records) and ``service/`` (the web service), imported as ``dbay.build``, ``dbay.schema`` and
``dbay.service``. They are namespace portions of this package, never top-level packages: a
top-level ``build`` package would shadow PyPA's ``build`` tool whenever Python runs from the
project root.
"""

from pathlib import Path

_project_root = Path(__file__).resolve().parent.parent
if (_project_root / "setup.cfg").is_file() and (_project_root / "build").is_dir():
    # A source checkout (an editable install): find build/, schema/, service/ beside dbay/.
    __path__.append(str(_project_root))

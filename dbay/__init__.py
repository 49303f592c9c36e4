"""dbay: every provision of Guangdong's digital-policy documents as a row.

The package's parts live in the project's top-level folders and are reached through the links
in this folder: ``build/`` (the pipeline) is ``dbay.build``, ``schema/`` (the records)
``dbay.schema``, ``service/`` (the web service) ``dbay.service`` and ``datasette/`` (the
Datasette plugin and metadata) ``dbay.datasette``. Those folders have no ``__init__.py``, so
from the project root none of them is a package of its own that could shadow PyPA's ``build``
or Datasette itself; they are namespace subpackages of this regular package. A wheel holds them
as plain folders under ``dbay/``.
"""

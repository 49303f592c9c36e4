"""What each measure is about, as published records (issue 13): the things it names, the places it
concerns, the targets it sets, its deadlines and the documents it cites.

Every mention is found in the measure's ``text`` (``measures.text``, Simplified): ``start`` and
``end`` are character offsets into it (``text[start:end]`` is the mention), and ``method`` says
what found it: a curated dictionary (data files under ``sources/``) or a pattern of the text.
"""

from typing import Literal

Method = Literal["dictionary", "pattern"]

"""The generators of the sample data (Kuusiniemen kaupunki), one module per domain.

Every module writes its own files with ``generate(build)`` and re-reads them in the
self-check with ``check(seen)`` (the :class:`~generators.common.Generator` protocol);
``build`` (:class:`~generators.common.Build`) carries what the earlier generators made,
``seen`` (:class:`~generators.common.Seen`) what the earlier checks read.  ``common`` holds
the shared constants and formats, ``xlsx`` the workbook helpers, ``mapping_rules`` the rule
data that ``mapping`` writes.

Adding a generator (say ``recon.py``): write the module with ``generate`` and ``check``, put
the fields it hands on into ``Build``/``Seen`` in common.py, then in ``sample_data/generate.py``
add one import (``from generators import recon``) and one line in ``GENERATORS`` (before
``readme``, which describes the files the others wrote).  Use your own
``random.Random(SEED + n)`` so the other files stay byte-identical.
"""

"""The collection's content, as data: case studies, practice scenarios, legal-risk guidance,
and where the files behind them live (``resources``).

Pure data and loaders, read by the pages, the book and the documents; imports only the model,
the languages and the settings, never widgets, storage or pages.
"""

"""Analysis of anonymised data: research frames and the disclosure control every published
number passes.

``disclosure`` protects tables published together (minimum contributors, dominance, and
linear-programming bounds so that no hidden cell can be worked out); ``research`` builds the
researchers' frames from circles whose people agreed; ``research_chapter`` is what the research
notebook shows. Imports only the model, the store and the languages, never widgets or pages.
"""

"""One module per section of the handreiking kwaliteitsverslag: its attrs classes and its rules."""

__all__: list[str] = []

"""Charts that carry their sources. Every ``plot_*`` returns an Axes and never calls show().

Importing this package imports matplotlib (with the Agg backend when no display
is configured); ``import warstats`` does not.
"""

from warstats.charts.footer import add_source_footer, footer_text
from warstats.charts.style import new_figure, style

__all__ = ["add_source_footer", "footer_text", "new_figure", "style"]

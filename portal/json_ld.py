"""schema.org JSON-LD written into pages."""

import json


def script_text(data: dict) -> str:
    """JSON with ``<`` ``>`` ``&`` as unicode escapes: safe inside a ``<script>``."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

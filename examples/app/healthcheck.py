"""Container health check: exit 0 when /health answers 200, else 1.

The Dockerfile's HEALTHCHECK runs it, so it uses only the standard library
(no curl or wget in the slim image). PORT overrides the port (default 8000).
"""

import os
import sys
import urllib.error
import urllib.request


def main() -> int:
    url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/health"
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            healthy = response.status == 200
    except (urllib.error.URLError, OSError) as error:
        print(f"unhealthy: {url}: {error}", file=sys.stderr)
        return 1
    if not healthy:
        print(f"unhealthy: {url} answered {response.status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

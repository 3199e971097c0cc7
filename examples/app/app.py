"""myapp-010: the Flask hello-world that the Backstage template creates.

In the container gunicorn serves it (see the Dockerfile); `python app.py` runs
Flask's development server for local work. Both listen on 0.0.0.0:8000, the
port that the GitOps values file gives the probes and the Service.
"""

import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/")
def hello():
    return jsonify(message="Hello from myapp-010!")


@app.get("/health")
def health():
    # Liveness and readiness both probe this path: it answers as long as the
    # process can serve requests, and checks nothing downstream on purpose, so a
    # database outage does not make Kubernetes restart every pod.
    return jsonify(status="ok")


if __name__ == "__main__":
    app.run(
        host=os.environ.get("HOST", "0.0.0.0"),
        port=int(os.environ.get("PORT", "8000")),
    )

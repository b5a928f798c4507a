"""Take README screenshots of a running Odoo with headless Chromium.

    python3 tools/screenshot.py --url http://127.0.0.1:8069 \\
        docs/screenshots/worklist.png "/odoo/action-jit_inventory.action_jit_worklist"

Logs in (admin / admin by default), opens each path and saves a PNG. Pairs
of arguments: output file, path. Uses Chromium's DevTools protocol through
websocket-client; Chromium runs with a throw-away profile and no background
networking.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

import requests
import websocket

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def login(url, database, user, password):
    session = requests.Session()
    page = session.get(f"{url}/web/login", params={"db": database}, timeout=30)
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    session.post(
        f"{url}/web/login",
        data={"login": user, "password": password, "csrf_token": token, "db": database},
        timeout=30,
    )
    return session.cookies.get("session_id")


class Browser:
    def __init__(self, width, height):
        self.profile = tempfile.mkdtemp(prefix="jit_shot_")
        binary = shutil.which("chromium") or shutil.which("google-chrome")
        self.process = subprocess.Popen(
            [
                binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}",
                "--remote-debugging-port=9333",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(50):
            try:
                with urllib.request.urlopen(
                    "http://127.0.0.1:9333/json", timeout=2
                ) as response:
                    targets = json.load(response)
                page = next(t for t in targets if t["type"] == "page")
                break
            except (OSError, StopIteration):
                time.sleep(0.2)
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"])
        self.message_id = 0

    def call(self, method, **params):
        self.message_id += 1
        self.socket.send(
            json.dumps({"id": self.message_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.message_id:
                return message.get("result", {})

    def wait_for(self, selector, timeout):
        """Wait until the page shows ``selector`` (the first page after a
        server start waits for Odoo to build its assets)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            result = self.call(
                "Runtime.evaluate",
                expression=f"!!document.querySelector({json.dumps(selector)})",
            )
            if result.get("result", {}).get("value"):
                return True
            time.sleep(0.5)
        return False

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--database", default="jit_demo")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--wait", type=float, default=4.0)
    parser.add_argument("shots", nargs="+", help="output.png path [output.png path]")
    args = parser.parse_args()
    session_id = login(args.url, args.database, args.user, args.password)
    browser = Browser(args.width, args.height)
    try:
        host = args.url.split("//", 1)[1].split(":")[0].split("/")[0]
        browser.call("Network.enable")
        browser.call(
            "Network.setCookie",
            name="session_id",
            value=session_id,
            domain=host,
            path="/",
        )
        for output, path in zip(args.shots[::2], args.shots[1::2], strict=True):
            browser.call("Page.navigate", url=f"{args.url}{path}")
            browser.wait_for(".o_action_manager .o_view_controller", timeout=60)
            time.sleep(args.wait)
            shot = browser.call("Page.captureScreenshot", format="png")
            os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
            with open(output, "wb") as image:
                image.write(base64.b64decode(shot["data"]))
            print(f"wrote {output}")
    finally:
        browser.close()


if __name__ == "__main__":
    main()

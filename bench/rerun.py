"""How long a widget's rerun takes in the browser, against a bare one-slider app.

``python bench/rerun.py [--clients 1000 10000] [--runs 9]`` starts a bare Streamlit app (one
slider, one line of text: the floor) and Client Triage with ``streamlit run``, drives both in
headless Chromium from the keyboard, and prints each interaction's median time from the key
press (or click) to the moment the page hears the run it started has finished (the server's
"script finished" message, timed in the page), and its ratio to the floor's median, the bare
slider moved in turns with ours. Goals: ≤ 2× the floor with 1,000 clients, ≤ 3× with 10,000;
a page switch ≤ 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ingest import make_client_list  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402

BARE = 'import streamlit as st\n\nshare = st.slider("Share", 50, 95, 80, step=5)\nst.write(share)\n'
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# For scale, not a goal: the same slider in a fragment beside three plotly charts drawn once,
# the leanest page of our pages' shape. Streamlit's browser side redraws every element on the
# page with each run, a fragment's too: this page alone sits well above the bare one.
LEAN = """import numpy as np
import plotly.graph_objects as go
import streamlit as st


@st.fragment
def block():
    st.write(st.slider("Share", 50, 95, 80, step=5))


block()
if "figures" not in st.session_state:
    points = np.random.default_rng(0).random((3, 2, 500))
    st.session_state.figures = [go.Figure(go.Scatter(x=x, y=y, mode="markers")) for x, y in points]
for i, figure in enumerate(st.session_state.figures):
    st.plotly_chart(figure, key=f"chart{i}")
"""


# In the page itself, on the page's clock: when a key or the mouse went down, when the
# browser asked for a run and when it heard the run end (the message event, as Streamlit gets
# it). Read in the page rather than through Playwright's websocket events, which carry every
# frame to this process (the app's charts and tables too, the floor's few bytes): that pipe
# delayed our side only.
WATCH = """
(() => {
  const ASK = ASK_FIELD, FINISHED = FINISHED_FIELD;  // rerun_script, script_finished
  const runs = (window.__runs = { input: [], asked: [], finished: [] });
  const fields = (bytes) => {  // the field numbers at the top of a protobuf message
    const found = [];
    let i = 0;
    const varint = () => {
      let value = 0, shift = 0, b;
      do { b = bytes[i++]; value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
      return value;
    };
    while (i < bytes.length) {
      const tag = varint(), kind = tag & 7;
      found.push(Math.floor(tag / 8));
      if (kind === 0) varint();
      else if (kind === 2) {
        const length = varint();  // read first: "i += varint()" adds to the old i
        i += length;
      }
      else if (kind === 1) i += 8;
      else if (kind === 5) i += 4;
      else break;
    }
    return found;
  };
  const view = (data) =>
    data instanceof ArrayBuffer ? new Uint8Array(data)
      : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : null;
  for (const type of ["keydown", "pointerdown"]) {
    window.addEventListener(type, () => runs.input.push(performance.now()), true);
  }
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const bytes = view(event.data);
        if (bytes && bytes.length < 512 && fields(bytes).includes(FINISHED)) {
          runs.finished.push(performance.now());
        }
      });
    }
    send(data) {
      const bytes = view(data);
      if (bytes && fields(bytes).includes(ASK)) runs.asked.push(performance.now());
      return super.send(data);
    }
  };
})();
""".replace("ASK_FIELD", str(BackMsg.DESCRIPTOR.fields_by_name["rerun_script"].number)).replace(
    "FINISHED_FIELD", str(ForwardMsg.DESCRIPTOR.fields_by_name["script_finished"].number)
)

# The first run the browser asked for after the interaction began, timed from the last input
# before it asked (the key press, or the click or Enter that committed a table edit) to the
# run's end, in ms (null until it has ended).
ELAPSED = """
() => {
  const runs = window.__runs;
  if (runs.input.length === 0) return null;
  const asked = runs.asked.find((t) => t >= runs.input[0]);
  if (asked === undefined) return null;
  const input = runs.input.filter((t) => t <= asked).pop();
  const finished = runs.finished.find((t) => t >= asked);
  return finished === undefined ? null : finished - input;
}
"""


# Of that time, how long the browser took to ask for the run (Streamlit's data editor sends
# an edit 150 ms after it is made, to batch quick edits: streamlit PR #16132).
ASKING = """
() => {
  const runs = window.__runs, asked = runs.asked.find((t) => t >= runs.input[0]);
  return asked - runs.input.filter((t) => t <= asked).pop();
}
"""
WAITS: list[float] = []  # ASKING of each ``timed`` call, in order


def timed(page: Any, act: Callable[[], None], timeout: float = 120_000) -> float:
    """Milliseconds from the key press (or click) ``act`` makes to the end of the run it
    asks for, both seen by the page."""
    page.wait_for_selector(IDLE)
    page.wait_for_timeout(150)
    page.evaluate("() => { window.__runs.input.length = 0; }")
    act()
    took = float(page.wait_for_function(ELAPSED, polling=5, timeout=timeout).json_value())
    WAITS.append(float(page.evaluate(ASKING)))
    return took


Step = Callable[[int], float]  # the i-th key press of an interaction, timed (ms)


def slider(page: Any, label: str, timeout: float = 120_000) -> Step:
    """Move the slider labelled ``label`` one step right, then left, and so on."""
    thumb = page.get_by_role("slider", name=label).first
    thumb.focus()
    return lambda i: timed(
        page, lambda: thumb.press(("ArrowRight", "ArrowLeft")[i % 2]), timeout=timeout
    )


def radio(page: Any, options: list[str]) -> Step:
    """Choose each option in turn from the keyboard (Space on it), as the floor's slider is
    moved: a mouse click through Playwright first waits for the element to hold still for
    two frames, which would add its own 50–100 ms to our side only."""
    main = page.locator("[data-testid='stMainBlockContainer']")
    return lambda i: timed(
        page, lambda: main.get_by_role("radio", name=options[i % 2]).first.press(" ")
    )


def number_input(page: Any) -> Step:
    """Step the page's first number input up, then down."""
    main = page.locator("[data-testid='stMainBlockContainer']")
    field = main.locator("[data-testid='stNumberInput'] input").first
    field.scroll_into_view_if_needed()
    return lambda i: timed(page, lambda: field.press(("ArrowUp", "ArrowDown")[i % 2]))


def label_edit(page: Any) -> Step:
    """Label the labelling table's second row "fine", then "problem", and so on: a double
    click opens the cell's choices, a click on one commits it (the table is a canvas: no
    element to focus)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from tests.e2e.helpers import ROW

    grid = page.locator("[data-testid='stDataFrame']").first

    def pick(label: str) -> None:
        grid.scroll_into_view_if_needed()  # (the what-if, timed before, is further down)
        box = grid.bounding_box()
        x, y = box["x"] + 230, box["y"] + ROW + ROW + ROW / 2
        page.mouse.dblclick(x, y)
        option = page.get_by_role("option", name=label, exact=True)
        try:
            option.wait_for(timeout=2_000)
        except PlaywrightTimeout:  # the cell's editor was left open by the last edit
            page.mouse.click(x, y)
        option.click()

    def step(i: int) -> float:
        label = ("fine", "problem")[i % 2]
        if i == 0:  # the row may hold this label already: then no run starts
            try:
                return timed(page, lambda: pick(label), timeout=10_000)
            except PlaywrightTimeout:
                page.keyboard.press("Escape")
                return float("nan")
        return timed(page, lambda: pick(label))

    return step


def browser_page(playwright: Any, url: str) -> Any:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(300_000)
    page.add_init_script(WATCH)
    page.goto(url)
    page.wait_for_selector("[data-testid='stApp']")
    page.wait_for_selector(IDLE)
    return page


def go_to(page: Any, link: str, heading: str) -> float:
    """Milliseconds from the click on a sidebar link to the end of the page's run."""
    sidebar = page.locator("[data-testid='stSidebar'] a").filter(has_text=link).first
    took = timed(page, sidebar.click)
    page.get_by_role("heading", name=heading).wait_for()
    return took


class Paired:
    """Each interaction timed in turns with the floor (one step of the bare app's slider,
    then one of ours, and so on): this two-core machine's speed drifts by ±40% within
    minutes, and a ratio is fair only between times taken in the same minutes."""

    def __init__(self, floor: Step, runs: int) -> None:
        self.floor, self.runs, self.steps = floor, runs, 0
        self.results: dict[str, tuple[list[float], list[float]]] = {}
        self.asking: dict[str, float] = {}  # median ms before the browser asked for the run

    def measure(self, what: str, ours: Step) -> None:
        ours(0)  # warm up: the first move after a page switch builds what is kept
        found, floor, asking = [], [], []
        for i in range(1, self.runs + 1):
            floor.append(self.floor_step())
            found.append(ours(i))
            asking.append(WAITS[-1])
        self.results[what] = (found, floor)
        self.asking[what] = statistics.median(asking)

    def floor_step(self) -> float:
        """One step of the floor's slider. The bare app idles for a minute while ours loads
        10,000 clients; now and then its first key press after that starts no run: tried
        again with the next press."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        for _ in range(3):
            self.steps += 1
            try:
                return self.floor(self.steps)
            except PlaywrightTimeout:
                print("(the floor's slider did not rerun: pressed again)", file=sys.stderr)
        raise RuntimeError("the bare app stopped answering")


def ours(p: Any, n: int, paired: Paired) -> dict[str, list[float]]:
    """Client Triage with ``n`` clients uploaded: each interaction measured in ``paired``;
    returns the page switches' times (ms)."""
    switches: dict[str, list[float]] = {}
    runs = paired.runs
    with tempfile.TemporaryDirectory() as home:
        upload = Path(home) / f"clients_{n}.csv"
        upload.write_bytes(make_client_list(n, formatted=False))
        server = Server(Path(home))
        try:
            page = browser_page(p, server.url)
            page.get_by_role("heading", name="Your clients").wait_for()
            main = page.locator("[data-testid='stMainBlockContainer']")
            main.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(upload))
            page.get_by_text(f"Your data: {upload.name}").wait_for()
            page.wait_for_selector(IDLE)
            went = []
            for _ in range(max(1, runs // 2)):
                went.append(go_to(page, "Pareto", "Where your time and money go"))
                went.append(go_to(page, "Data", "Your clients"))
            switches["page switch (Data <-> Pareto)"] = went
            go_to(page, "Pareto", "Where your time and money go")
            paired.measure("Pareto 80% slider", slider(page, "Share of the total to reach"))
            paired.measure(
                "Pareto top-group slider", slider(page, "Size of the top group of clients")
            )
            paired.measure("Pareto metric radio", radio(page, ["Hours", "Revenue"]))
            paired.measure(
                "effort-vs-value switch",
                radio(
                    page,
                    ["Hours vs effective hourly rate", "Share of hours vs share of revenue"],
                ),
            )
            go_to(page, "Problem clients", "Which clients are problem clients?")
            paired.measure("what-if input", number_input(page))
            paired.measure("label edit", label_edit(page))
            opened = []
            for _ in range(max(1, runs // 2)):
                go_to(page, "Data", "Your clients")
                opened.append(go_to(page, "Problem clients", "Which clients are problem clients?"))
            switches["open Problem clients"] = opened
            go_to(page, "Decide", "Decide")
            paired.measure("Decide refill slider", slider(page, "Freed hours you refill"))
            page.context.browser.close()
        finally:
            server.stop()
    return switches


def lean_page(p: Any, paired: Paired) -> None:
    """Time LEAN's slider against the floor and print it."""
    with tempfile.TemporaryDirectory() as home:
        script = Path(home) / "lean.py"
        script.write_text(LEAN, encoding="utf-8")
        server = Server(Path(home), script=str(script))
        try:
            page = browser_page(p, server.url)
            page.locator("[data-testid='stPlotlyChart'] .main-svg").first.wait_for()
            paired.measure("lean page", slider(page, "Share"))
            page.context.browser.close()
        finally:
            server.stop()
    found, floor = paired.results["lean page"]
    median, base = statistics.median(found), statistics.median(floor)
    print(
        f"(for scale: a fragment's slider beside three plotly charts {median:.0f} ms, "
        f"floor {base:.0f} ms: {median / base:.1f}x)"
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--lean", action="store_true", help="also time the lean page of our shape (LEAN)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home, sync_playwright() as p:
        script = Path(home) / "bare.py"
        script.write_text(BARE, encoding="utf-8")
        server = Server(Path(home), script=str(script))
        try:
            bare = slider(browser_page(p, server.url), "Share", timeout=10_000)
            for i in range(4):  # warm up
                bare(i)
            if args.lean:
                lean_page(p, Paired(bare, args.runs))
            for n in args.clients:
                goal = 2 if n <= 1000 else 3
                started = time.perf_counter()
                paired = Paired(bare, args.runs)
                for what, found in ours(p, n, paired).items():
                    median = statistics.median(found)
                    print(f"{n:>6,} clients  {what:<30} {median:6.0f} ms  (goal <= 1000 ms)")
                for what, (found, floor) in paired.results.items():
                    median, base = statistics.median(found), statistics.median(floor)
                    print(
                        f"{n:>6,} clients  {what:<30} {median:6.0f} ms, floor {base:3.0f} ms: "
                        f"{median / base:4.1f}x (goal <= {goal}x)"
                    )
                    if paired.asking[what] > 50:  # the data editor's own wait
                        print(
                            f"{'':>15}(of which {paired.asking[what]:.0f} ms before the browser "
                            f"asked for the run: {(median - paired.asking[what]) / base:.1f}x "
                            "the floor from then)"
                        )
                print(f"({n:,} clients: {time.perf_counter() - started:.0f} s in all)")
        finally:
            server.stop()


if __name__ == "__main__":
    main()

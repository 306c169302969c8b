#!/usr/bin/env python3
"""The explorer in a real browser (Debian's chromium and chromedriver, driven by Selenium).

Starts `goodhart explore --port 0`, opens the printed address, checks that the cheap-persuasion
preset and its three panels appear, moves C's location slider with the keyboard, and checks that
the page then shows exactly what the CLI prints for the model and flags the page reports:
the panels' bodies byte for byte, the table's numbers exactly, and the "copy as CLI command"
line run in a shell; then adds a submodule and checks again, and again once that submodule is
truth-only and an empirical law. Screenshots go to Tests/Explorer/artifacts/.

Usage: browser_test.py [path/to/goodhart]   (default .build/release/goodhart)
"""
import json
import os
import pathlib
import re
import subprocess
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "Tests" / "Explorer" / "artifacts"
GOODHART = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / ".build" / "release" / "goodhart").resolve()


def start_server():
    server = subprocess.Popen([str(GOODHART), "explore", "--port", "0"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if not match:
        server.kill()
        raise SystemExit(f"goodhart explore printed no address: {line!r} {server.stderr.read()!r}")
    return server, match.group(0)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1500"):
        options.add_argument(flag)
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


def settled(driver, updates):
    """Waits until the page has finished more than `updates` refreshes, shows the current model
    and flags (not an intermediate one from the middle of a slider move) and has nothing in
    flight."""
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "return window.explorer && window.explorer.updates > arguments[0] && window.explorer.isSettled()",
        updates))
    return driver.execute_script("return window.explorer.updates")


def cli(command, flags, model_text):
    """What `goodhart <command> --model - <flags>` prints, fed the model on standard input (as the
    explorer feeds it)."""
    result = subprocess.run([str(GOODHART), command, "--model", "-"] + flags, input=model_text,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"goodhart {command} failed: {result.stderr}"
    return result.stdout


def check_page_equals_cli(driver):
    """Every panel's body equals the CLI's output for the page's model and flags; the table shows
    the CLI's numbers exactly. Returns the compare JSON."""
    model_text = driver.find_element(By.ID, "model-json").get_attribute("value")
    flags = driver.execute_script("return window.explorer.flags")
    bodies = driver.execute_script("return window.explorer.bodies")
    for command in ("compare", "frontier", "regime"):
        expected = cli(command, flags[command], model_text)
        assert bodies[command] == expected, f"{command}: the page's body differs from the CLI's"
    compare = json.loads(bodies["compare"])
    shown = {
        "row-gap": compare["goodhart_gap"],
        "row-base": compare["base"]["mean_truth"],
        "row-rl": compare["reward_maximiser"]["mean_truth"],
        "row-tilt": compare["tilt"]["mean_truth"],
    }
    if compare["penalised"]:  # the Gaussian models' penalised RL rows
        shown["row-penalised-0"] = compare["penalised"][0]["mean_truth"]
    for row_id, value in shown.items():
        cell = driver.find_element(By.CSS_SELECTOR, f"#{row_id} td[data-value]")
        assert float(cell.get_attribute("data-value")) == value, f"{row_id}: {cell.get_attribute('data-value')} != {value}"
        assert cell.text, f"{row_id} shows nothing"
    svg = driver.find_elements(By.CSS_SELECTOR, "#frontier-chart svg")
    assert len(svg) == 1, "the frontier chart is missing"
    assert driver.find_element(By.ID, "regime-curve").get_attribute("points"), "the regime curve is missing"
    return compare


def main():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server, url = start_server()
    driver = browser()
    try:
        driver.get(url)
        updates = settled(driver, 0)
        first_paint = driver.execute_script("return window.explorer.firstShownMs") / 1000
        assert driver.find_element(By.ID, "preset").get_attribute("value") == "cheap-persuasion"
        assert driver.execute_script("return window.explorer.model.submodules.map(s => s.name).join()") == "A,B,C"
        before = check_page_equals_cli(driver)
        driver.save_screenshot(str(ARTIFACTS / "explorer-cheap-persuasion.png"))

        # Move C's location from 2 to 3: twenty presses of the right arrow on a slider of step 0.05.
        slider = driver.find_element(By.ID, "location-2")
        slider.click()
        value = float(slider.get_attribute("value"))
        for _ in range(int(round((3 - value) / 0.05))):
            slider.send_keys(Keys.ARROW_RIGHT)
        updates = settled(driver, updates)
        model = json.loads(driver.find_element(By.ID, "model-json").get_attribute("value"))
        assert model["submodules"][2]["mean"] == 3, model["submodules"][2]
        after = check_page_equals_cli(driver)
        assert after["goodhart_gap"] != before["goodhart_gap"], "moving C's mean did not change the gap"
        driver.save_screenshot(str(ARTIFACTS / "explorer-c-mean-3.png"))

        # "Copy as CLI command": the compare line, run in a shell, prints the compare body.
        line = next(l for l in driver.find_element(By.ID, "cli-command").text.splitlines() if " compare " in l)
        shell = subprocess.run(["bash", "-c", line], capture_output=True, text=True,
                               env={**os.environ, "PATH": f"{GOODHART.parent}:{os.environ['PATH']}"})
        assert shell.returncode == 0, shell.stderr
        assert shell.stdout == driver.execute_script("return window.explorer.bodies.compare"), "the copied command differs"

        # "Add a submodule": a fourth, normal, with weight 1/4 and the others rescaled; the page
        # still shows exactly what the CLI prints for the model it reports.
        driver.find_element(By.ID, "add-submodule").click()
        updates = settled(driver, updates)
        model = json.loads(driver.find_element(By.ID, "model-json").get_attribute("value"))
        assert len(model["submodules"]) == 4, model
        assert abs(sum(model["weights"]) - 1) <= 1e-9 and abs(model["weights"][3] - 0.25) <= 1e-12, model["weights"]
        check_page_equals_cli(driver)

        # The fourth submodule made truth-only (truth 1), then an empirical law (the page's 500 default
        # samples, in a text box): the page still shows exactly what the CLI prints.
        for index, value in ((1, "0"), (0, "1")):  # persuasion 0, then truth 1
            field = driver.find_elements(By.CSS_SELECTOR, ".sub")[3].find_elements(By.CSS_SELECTOR, ".coef input")[index]
            field.clear()
            field.send_keys(value, Keys.TAB)
            updates = settled(driver, updates)
        family = driver.find_elements(By.CSS_SELECTOR, ".sub")[3].find_element(By.CSS_SELECTOR, "select.family")
        Select(family).select_by_value("empirical")
        updates = settled(driver, updates)
        model = json.loads(driver.find_element(By.ID, "model-json").get_attribute("value"))
        law = model["submodules"][3]["distribution"]
        assert law["family"] == "empirical" and len(law["samples"]) == 500, law.keys()
        assert driver.find_element(By.ID, "samples-3").get_attribute("value").count("\n") == 499
        check_page_equals_cli(driver)
        driver.save_screenshot(str(ARTIFACTS / "explorer-empirical.png"))

        # A model the CLI refuses shows the CLI's error in the panel, and the page keeps working.
        driver.execute_script("document.getElementById('model-json').value = arguments[0]",
                              json.dumps({"submodules": [{"name": "A", "mean": 1, "sd": -1, "truth": 1, "persuasion": 1}], "weights": [1]}))
        driver.find_element(By.ID, "apply-json").click()
        settled(driver, updates)
        message = driver.find_element(By.ID, "compare-error").text
        assert message.startswith("error: --model: submodules[0].sd"), message

        print(f"browser test passed: the preset's three panels shown {first_paint * 1000:.0f} ms after navigation; "
              f"gap {before['goodhart_gap']:.6g} -> {after['goodhart_gap']:.6g} after moving C's mean to 3; "
              f"screenshots in {ARTIFACTS.relative_to(ROOT)}")
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()

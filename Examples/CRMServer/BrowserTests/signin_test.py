"""Issue 18: the CRMServer sign-in in a real Chromium at a desktop and a phone size.

Fields are found by their visible labels, buttons by their text; checks: autocomplete attributes, no
horizontal scrolling, touch targets of at least 44 px, the error announced and tied to its fields,
"Welcome back, NAME", sign-out. Screenshots go to SCREENSHOT_DIR.

    python3 signin_test.py PATH_TO_CRMServer SCREENSHOT_DIR   (.ci/run runs it; Selenium from PyPI,
    Debian's chromium and chromium-driver)
"""
import os, subprocess, sys, tempfile, time
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

binary, shots = sys.argv[1], sys.argv[2]
os.makedirs(shots, exist_ok=True)
folder = tempfile.mkdtemp()
port = "18282"
server = subprocess.Popen([binary, "--port", port, "--database", folder + "/crm.sqlite"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def browser(phone):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800"]:
        options.add_argument(argument)
    if phone:  # headless windows are never narrower than 500 px: emulate the phone's metrics
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": 360, "height": 740, "pixelRatio": 2.0},
            "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Mobile Safari/537.36"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def field(page, label):
    """The control a visible <label> names (its `for`)."""
    element = page.find_element(By.XPATH, f"//label[normalize-space()='{label}']")
    return page.find_element(By.ID, element.get_attribute("for"))


def button(page, text):
    return page.find_element(By.XPATH, f"//button[normalize-space()='{text}']")


def layout_checks(page, size, name):
    widths = page.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    check(widths[0] <= widths[1], f"{size} {name}: no horizontal scrolling ({widths})")
    small = page.execute_script("""
        return Array.from(document.querySelectorAll('button, input:not([type=hidden]), a'))
          .map(e => [e.outerHTML.slice(0, 60), e.getBoundingClientRect().height])
          .filter(p => p[1] < 44);""")
    check(not small, f"{size} {name}: touch targets of 44 px at least ({small})")


try:
    for _ in range(240):
        if os.path.exists(folder + "/crm.sqlite.accounts"):
            break
        time.sleep(0.5)
    time.sleep(0.5)
    accounts = dict(line.split("\t")[:2] for line in open(folder + "/crm.sqlite.accounts") if not line.startswith("#"))
    for size in ["desktop", "phone"]:
        page = browser(size == "phone")
        try:
            page.get(f"http://127.0.0.1:{port}/login")
            email, password = field(page, "Email"), field(page, "Password")
            check(email.get_attribute("autocomplete") == "username", f"{size}: email autocomplete")
            check(password.get_attribute("autocomplete") == "current-password", f"{size}: password autocomplete")
            layout_checks(page, size, "sign-in")
            page.save_screenshot(f"{shots}/signin-{size}.png")

            email.send_keys("ana@acme.example")
            password.send_keys("not her password")
            button(page, "Show password").click()
            check(field(page, "Password").get_attribute("type") == "text", f"{size}: show password")
            button(page, "Sign in").click()
            alert = WebDriverWait(page, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[role=alert]")))
            check("don't match" in alert.text, f"{size}: the plain message ({alert.text})")
            check(field(page, "Email").get_attribute("aria-describedby") == alert.get_attribute("id"),
                  f"{size}: the error is tied to its field")
            page.save_screenshot(f"{shots}/signin-error-{size}.png")

            field(page, "Password").send_keys(accounts["ana@acme.example"])
            button(page, "Sign in").click()
            WebDriverWait(page, 20).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Welcome back"))
            heading = page.find_element(By.TAG_NAME, "h1").text
            check(heading == "Welcome back, Ana Sales", f"{size}: welcome ({heading})")
            check("Invoices" not in page.page_source, f"{size}: a sales rep sees no invoices")
            layout_checks(page, size, "dashboard")
            page.save_screenshot(f"{shots}/dashboard-{size}.png")
            button(page, "Sign out").click()
            WebDriverWait(page, 20).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Sign in"))
            check(page.find_element(By.TAG_NAME, "h1").text == "Sign in", f"{size}: signed out")
        finally:
            page.quit()
finally:
    server.terminate()
print("browser checks:", "all passed" if not failures else f"{len(failures)} failed")
sys.exit(1 if failures else 0)

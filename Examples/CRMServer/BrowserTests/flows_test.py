"""Issue 18: every CRMServer flow in a real Chromium, at a desktop and at a phone size.

For each size a new server (a new database) is started and a person goes through: sign-in with a
wrong then the right password; registration with a refused then an accepted password, the email in
the development outbox, the confirmation link, signing in; "Forgot password?", the reset link, the
new password; two-step sign-in set up from the QR code's key (codes computed with pyotp), the
recovery codes; signing in with a wrong code, a recovery code and "remember this device", then
without a code on that device; forgetting the device and signing in with an authenticator code;
"where you're signed in" and signing another session out; changing the password; a locked-out
colleague told when to try again; the administrator's pages (people, unlock, roles, recent security
events, the audit check, an invitation) and the invitation accepted; each company's records shown to
its own people only; a person whose role must use two-step sign-in setting it up during her first
sign-in.

Fields are found by their visible labels, buttons and links by their text, never by CSS ids. Every
page gets: no horizontal scrolling, touch targets of at least 44 px, and axe-core's WCAG 2.0/2.1/2.2
A and AA rules (axe.min.js from the axe-core-python package, injected by Selenium). The sign-in page
is also used with the keyboard alone, with a visible focus. A screenshot of each page is saved.

    python3 flows_test.py PATH_TO_CRMServer SCREENSHOT_DIR [desktop|phone ...]

(.ci/run runs it with Debian's chromium and chromium-driver and the PyPI packages of
requirements.txt.)
"""
import base64
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback

import axe_core_python
import pyotp
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

binary, shots = sys.argv[1], sys.argv[2]
sizes = sys.argv[3:] or ["desktop", "phone"]
os.makedirs(shots, exist_ok=True)
axe_script = open(os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js")).read()
failures = []
NEW_PASSWORD = "copper lantern orbit meadow 42"
OTHER_PASSWORD = "granite harbor velvet pine 17"


def gone(element):
    """A wait condition: `element`'s page has been replaced. During the switch Chromium may answer
    "node does not belong to the document" instead of "stale element": both mean gone."""
    def replaced(_):
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True
    return replaced


def waiter(driver):
    """Waits up to 20 s; a page in the middle of being replaced is asked again."""
    return WebDriverWait(driver, 20, ignored_exceptions=(WebDriverException,))


def labelled(driver, label):
    """The control a visible <label> names (its `for`)."""
    element = driver.find_element(By.XPATH, f"//label[normalize-space()=\"{label}\"]")
    return driver.find_element(By.ID, element.get_attribute("for"))


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what, flush=True)


class Run:
    """One size: a server on a new database and a browser."""

    def __init__(self, size, port):
        self.size, self.port = size, port
        self.folder = tempfile.mkdtemp()
        self.server = subprocess.Popen(
            [binary, "--port", str(port), "--database", self.folder + "/crm.sqlite"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        for _ in range(240):
            if os.path.exists(self.folder + "/crm.sqlite.accounts"):
                break
            time.sleep(0.5)
        time.sleep(0.5)
        self.accounts = dict(
            line.split("\t")[:2] for line in open(self.folder + "/crm.sqlite.accounts") if not line.startswith("#"))
        self.page = self.browser()
        self.shots = set()

    def browser(self):
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800"]:
            options.add_argument(argument)
        if self.size == "phone":  # headless windows are never narrower than 500 px: emulate the phone
            options.add_experimental_option("mobileEmulation", {
                "deviceMetrics": {"width": 360, "height": 740, "pixelRatio": 2.0},
                "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Mobile Safari/537.36"})
        return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)

    def close(self):
        self.page.quit()
        self.server.terminate()

    # Finding things as a person does: by the words on the screen.

    def field(self, label):
        return labelled(self.page, label)

    def button(self, text):
        return self.page.find_element(By.XPATH, f"//button[normalize-space()=\"{text}\"]")

    def link(self, text):
        return self.page.find_element(By.XPATH, f"//a[normalize-space()=\"{text}\"]")

    def follow(self, text, heading):
        """Clicks the link named `text` and waits for the next page, whose h1 contains `heading`."""
        link = self.link(text)
        link.click()
        waiter(self.page).until(gone(link))
        self.wait_heading(heading)

    def go(self, path):
        self.page.get(f"http://127.0.0.1:{self.port}{path}")

    def heading(self):
        return self.page.find_element(By.TAG_NAME, "h1").text

    def wait_heading(self, text):
        waiter(self.page).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), text))

    def text(self):
        return self.page.find_element(By.TAG_NAME, "main").text

    def alert(self):
        return self.page.find_element(By.CSS_SELECTOR, "[role=alert]").text

    def status(self):
        return " ".join(e.text for e in self.page.find_elements(By.CSS_SELECTOR, "[role=status]"))

    def press(self, button, heading):
        """Clicks `button` and waits for the next page, whose h1 contains `heading`."""
        button.click()
        waiter(self.page).until(gone(button))
        self.wait_heading(heading)

    def submit(self, text, heading=None):
        button = self.button(text)
        button.click()
        waiter(self.page).until(gone(button))  # the next page has replaced this one
        if heading:
            self.wait_heading(heading)

    # What every page is held to.

    def page_checks(self, name):
        where = f"{self.size} {name}"
        widths = self.page.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        check(widths[0] <= widths[1], f"{where}: no horizontal scrolling ({widths})")
        small = self.page.execute_script("""
            // A checkbox's target is its row: the box and its label, which toggles it too.
            return Array.from(document.querySelectorAll('button, input:not([type=hidden]), select, a.action, nav a'))
              .filter(e => e.offsetParent !== null)
              .map(e => e.type === 'checkbox' ? e.parentElement : e)
              .map(e => [e.outerHTML.slice(0, 70), Math.round(e.getBoundingClientRect().height)])
              .filter(p => p[1] < 44);""")
        check(not small, f"{where}: touch targets of 44 px at least ({small})")
        self.page.execute_script(axe_script)
        result = self.page.execute_async_script("""
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
              .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
              .catch(e => done(['axe failed: ' + e]));""")
        check(not result, f"{where}: axe-core WCAG A/AA ({result})")
        if name not in self.shots:
            self.shots.add(name)
            self.screenshot(f"{shots}/crmserver-{name}-{self.size}.png")

    def screenshot(self, path):
        """The whole page, not only the window (DevTools: the layout's size as the clip)."""
        size = self.page.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        shot = self.page.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"],
                     "scale": 0.5 if self.size == "phone" else 1}})  # the phone at its CSS size, 360 px
        with open(path, "wb") as file:
            file.write(base64.b64decode(shot["data"]))

    def sign_in(self, email, password, expect="Welcome back"):
        self.go("/login")
        self.field("Email").clear()
        self.field("Email").send_keys(email)
        self.field("Password").send_keys(password)
        self.submit("Sign in", expect)

    def sign_out(self):
        self.submit("Sign out", "Sign in")

    def outbox_link(self, subject_part, link_text):
        """Follows the link of the newest email whose subject contains `subject_part`."""
        self.follow("Development outbox", "Development outbox")
        mail = self.page.find_element(
            By.XPATH, f"(//article[.//h2[contains(normalize-space(), \"{subject_part}\")]])[1]")
        link = mail.find_element(By.XPATH, f".//a[normalize-space()=\"{link_text}\"]")
        link.click()
        waiter(self.page).until(gone(link))


def totp_code(key, not_in_step=None):
    """The authenticator's code for `key`, waiting for a new time step when the last one was used."""
    totp = pyotp.TOTP(key)
    while not_in_step is not None and int(time.time()) // 30 == not_in_step:
        time.sleep(1)
    return totp.now(), int(time.time()) // 30


def flows(run):
    size = run.size
    ana = "ana@acme.example"

    # Sign-in: labels, autocomplete, keyboard, the plain error tied to its fields.
    run.go("/login")
    check(run.field("Email").get_attribute("autocomplete") == "username", f"{size}: email autocomplete")
    check(run.field("Password").get_attribute("autocomplete") == "current-password", f"{size}: password autocomplete")
    run.page_checks("signin")
    run.field("Email").click()
    order = []
    for _ in range(4):
        element = run.page.switch_to.active_element
        order.append(element.get_attribute("name") or element.text)
        outline = run.page.execute_script(
            "const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]")
        check(outline[0] != "none" and outline[1] != "0px", f"{size}: focus is visible on {order[-1]} ({outline})")
        element.send_keys(Keys.TAB)
    check(order == ["email", "password", "Show password", "Sign in"], f"{size}: keyboard order ({order})")
    run.field("Email").send_keys(ana)
    run.field("Password").send_keys("not her password")
    run.button("Show password").click()
    check(run.field("Password").get_attribute("type") == "text", f"{size}: show password")
    run.field("Password").send_keys(Keys.ENTER)  # the keyboard submits the form
    waiter(run.page).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[role=alert]")))
    check("don't match" in run.alert(), f"{size}: the plain message ({run.alert()})")
    alert_id = run.page.find_element(By.CSS_SELECTOR, "[role=alert]").get_attribute("id")
    check(run.field("Email").get_attribute("aria-describedby") == alert_id, f"{size}: the error is tied to its field")
    run.page_checks("signin-error")
    time.sleep(1.5)  # the pair counter's first delay after a failure
    run.field("Password").send_keys(run.accounts[ana])
    run.submit("Sign in", "Welcome back")
    check(run.heading() == "Welcome back, Ana Sales", f"{size}: welcome ({run.heading()})")
    check("Invoices" not in run.text() and "Your leads" in run.text(), f"{size}: a sales rep sees leads only")
    check("Acme Corporation" in run.text() and "Initech" in run.text() and "Hooli" not in run.text(),
          f"{size}: Acme's leads, not Globex's")
    run.page_checks("dashboard")
    run.sign_out()

    # Registration, the email in the outbox, the confirmation link.
    newcomer = f"sam.{size}@example.org"
    run.follow("Create an account", "Create an account")
    check(run.field("Choose a password").get_attribute("autocomplete") == "new-password", f"{size}: new-password")
    check(run.field("Email").get_attribute("autocomplete") == "email", f"{size}: registration email autocomplete")
    run.page_checks("register")
    run.field("Your name").send_keys("Sam Newcomer")
    run.field("Email").send_keys(newcomer)
    run.field("Choose a password").send_keys("password1")
    run.submit("Create account")
    check("different password" in run.alert(), f"{size}: a refused password says why ({run.alert()})")
    check(run.page.find_elements(By.CSS_SELECTOR, "[role=alert] li"), f"{size}: the broken rules are listed")
    run.page_checks("register-error")
    run.field("Choose a password").send_keys(NEW_PASSWORD)
    run.submit("Create account")
    check("Check your email" in run.status(), f"{size}: registration received ({run.status()})")
    run.outbox_link("Confirm your email", "Confirm my email address")
    run.wait_heading("Confirm your email address")
    run.page_checks("verify")
    run.submit("Confirm my email address", "Sign in")
    check("email address is confirmed" in run.status(), f"{size}: email confirmed ({run.status()})")
    run.sign_in(newcomer, NEW_PASSWORD)
    check(run.heading() == "Welcome back, Sam Newcomer", f"{size}: the newcomer is welcomed ({run.heading()})")
    check("nothing here for your role yet" in run.text(), f"{size}: no role, no data")
    run.sign_out()

    # "Forgot password?" and the reset link.
    run.follow("Forgot password?", "Reset your password")
    run.field("Email").send_keys(ana)
    run.submit("Send me a link")
    check("we sent a link" in run.status(), f"{size}: reset link sent ({run.status()})")
    run.page_checks("forgot")
    run.outbox_link("Reset your", "Choose a new password")
    run.wait_heading("Choose a new password")
    check(run.field("New password").get_attribute("autocomplete") == "new-password", f"{size}: reset new-password")
    run.page_checks("reset")
    run.field("New password").send_keys(NEW_PASSWORD)
    run.submit("Save my new password", "Sign in")
    check("password is reset" in run.status(), f"{size}: password reset ({run.status()})")
    run.sign_in(ana, NEW_PASSWORD)

    # Two-step sign-in: the QR code, its key, the first code, the recovery codes.
    run.follow("Your account", "Your account")
    check("Off." in run.text(), f"{size}: two-step is off at first")
    run.page_checks("account")
    run.follow("Set up two-step sign-in", "Set up two-step sign-in")
    check(run.page.find_elements(By.CSS_SELECTOR, "[role=img] svg"), f"{size}: the QR code is shown")
    key = run.page.find_element(By.CSS_SELECTOR, ".key").text.replace(" ", "")
    code_field = run.field("6-digit code from the app")
    check(code_field.get_attribute("inputmode") == "numeric", f"{size}: numeric keypad for the code")
    check(code_field.get_attribute("autocomplete") == "one-time-code", f"{size}: one-time-code autocomplete")
    run.page_checks("two-step")
    code, enrolled_step = totp_code(key)
    code_field.send_keys(code)
    run.submit("Turn on two-step sign-in", "Your recovery codes")
    codes = [e.text for e in run.page.find_elements(By.CSS_SELECTOR, "ol.codes li")]
    check(len(codes) == 10, f"{size}: ten recovery codes ({len(codes)})")
    run.page_checks("recovery-codes")
    run.follow("I've saved them", "Your account")
    check("On." in run.text(), f"{size}: two-step is on")
    run.sign_out()

    # The code step: a wrong code, a recovery code with "remember this device", then no code asked.
    run.sign_in(ana, NEW_PASSWORD, "Enter your code")
    code_field = run.field("6-digit code")
    check(code_field.get_attribute("inputmode") == "numeric", f"{size}: numeric keypad at sign-in")
    check(code_field.get_attribute("autocomplete") == "one-time-code", f"{size}: one-time-code at sign-in")
    run.page_checks("code")
    code_field.click()
    order = []
    for _ in range(3):  # the code step with the keyboard alone
        element = run.page.switch_to.active_element
        order.append(element.get_attribute("name") or element.text)
        element.send_keys(Keys.TAB)
    check(order == ["code", "remember", "Continue"], f"{size}: keyboard order on the code step ({order})")
    code_field.send_keys("000000")
    run.submit("Continue", "Enter your code")
    check("didn't work" in run.alert(), f"{size}: a wrong code is said plainly ({run.alert()})")
    run.page_checks("code-error")
    run.follow("Lost your phone? Use a recovery code", "Use a recovery code")
    run.page_checks("code-recovery")
    time.sleep(2.5)  # the failures' delays
    run.field("Recovery code").send_keys(codes[0])
    run.page.find_element(By.XPATH, "//label[starts-with(normalize-space(), 'Remember this device')]").click()
    run.submit("Continue", "Welcome back")
    run.sign_out()
    run.sign_in(ana, NEW_PASSWORD, "Welcome back")  # the remembered device is not asked for a code

    # Where you're signed in, remembered devices; then a code from the authenticator.
    other = run.browser()  # a second device signed in as Ana: it is asked for a code
    other.get(f"http://127.0.0.1:{run.port}/login")
    labelled(other, "Email").send_keys(ana)
    labelled(other, "Password").send_keys(NEW_PASSWORD + Keys.ENTER)
    waiter(other).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Enter your code"))
    code, _ = totp_code(key, not_in_step=enrolled_step)
    labelled(other, "6-digit code").send_keys(code + Keys.ENTER)
    waiter(other).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Welcome back"))
    run.follow("Your account", "Your account")
    sessions = run.page.find_elements(By.XPATH, "//section[.//h2[normalize-space()=\"Where you're signed in\"]]//li")
    check(len(sessions) == 2 and any("(this device)" in s.text for s in sessions),
          f"{size}: both sessions listed, this one marked ({[s.text for s in sessions]})")
    devices = run.page.find_elements(By.XPATH, "//section[.//h2[normalize-space()='Remembered devices']]//li")
    check(len(devices) == 1, f"{size}: the remembered device is listed ({len(devices)})")
    run.page_checks("account-signed-in")
    run.press(run.page.find_element(
        By.XPATH, "//section[.//h2[normalize-space()=\"Where you're signed in\"]]//button[normalize-space()='Sign out']"
    ), "Your account")
    check("signed out" in run.status(), f"{size}: the other device is signed out ({run.status()})")
    other.refresh()
    waiter(other).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Sign in"))
    other.quit()
    run.press(run.page.find_element(By.XPATH, "//button[starts-with(@aria-label, 'Forget')]"), "Your account")
    check("forgotten" in run.status(), f"{size}: the device is forgotten ({run.status()})")

    # Changing the password (the current one is asked).
    run.field("Current password").send_keys(NEW_PASSWORD)
    run.field("New password").send_keys(OTHER_PASSWORD)
    run.submit("Change password", "Your account")
    check("password is changed" in run.status(), f"{size}: password changed ({run.status()})")
    run.sign_out()

    # A colleague who mistypes too often is told when to try again.
    hal = "hal@acme.example"
    seen = []
    for _ in range(12):
        run.go("/login")
        run.field("Email").send_keys(hal)
        run.field("Password").send_keys("wrong guess")
        run.submit("Sign in", "Sign in")
        seen.append(run.alert())
        wait = re.search(r"wait (\d+) seconds?", seen[-1])
        if "minute" in seen[-1]:
            break
        if wait:  # a short delay: wait it out, as a person would, and try again
            time.sleep(int(wait.group(1)) + 0.3)
    check(any(re.search(r"wait \d+ seconds?", m) for m in seen), f"{size}: a short delay says how long ({seen})")
    check(re.search(r"wait \d+ minutes?", seen[-1]), f"{size}: a lock says when to try again ({seen[-1]})")
    run.page_checks("signin-throttled")

    # The administrator: people, unlock, roles, security events, the audit trail, an invitation.
    time.sleep(1)
    run.sign_in("ada@acme.example", run.accounts["ada@acme.example"])
    run.follow("People", "People")
    check("Hal Harper" in run.text() and "Sam Newcomer" not in run.text() and "Gus Grant" not in run.text(),
          f"{size}: the tenant's people only")
    run.page_checks("admin")
    run.follow("Hal Harper", "Hal Harper")
    check("paused" in run.text(), f"{size}: the administrator sees the pause")
    events = run.page.find_elements(By.XPATH, "//section[.//h2[normalize-space()='Recent security events']]//li")
    check(len(events) >= 5, f"{size}: recent security events listed ({len(events)})")
    run.submit("Unlock sign-in", "Hal Harper")
    check("unlocked" in run.status() and "Not paused" in run.text(), f"{size}: unlocked ({run.status()})")
    Select = __import__("selenium.webdriver.support.select", fromlist=["Select"]).Select
    Select(run.field("Add a role")).select_by_visible_text("finance")
    run.submit("Add role", "Hal Harper")
    check("finance added" in run.status(), f"{size}: role added ({run.status()})")
    run.page_checks("admin-user")
    run.press(run.page.find_element(By.XPATH, "//button[@aria-label='Remove the role finance']"), "Hal Harper")
    check("finance removed" in run.status(), f"{size}: role removed ({run.status()})")
    run.follow("Back to people", "People")
    run.submit("Check the audit trail", "People")
    check("audit trail is intact" in run.status(), f"{size}: audit trail verified ({run.status()})")
    invitee = f"ivy.{size}@acme.example"
    run.field("Their name").send_keys("Ivy Invited")
    run.field("Their email").send_keys(invitee)
    run.submit("Send invitation", "People")
    check("Invitation sent" in run.status(), f"{size}: invitation sent ({run.status()})")
    run.page_checks("admin-audit")
    run.sign_out()
    run.sign_in(hal, run.accounts[hal])  # unlocked: the right password works again
    check(run.heading() == "Welcome back, Hal Harper", f"{size}: Hal signs in after the unlock")
    employees = run.page.find_element(By.XPATH, "//section[.//h2[normalize-space()='Employees']]").text
    check("Ana Sales" in employees and "Gus Grant" not in employees, f"{size}: HR sees its own tenant ({employees})")
    run.sign_out()
    run.follow("Development outbox", "Development outbox")
    run.page_checks("outbox")
    run.outbox_link("invited", "Accept the invitation")
    run.wait_heading("Welcome to")
    run.page_checks("invitation")
    run.field("Choose a password").send_keys(OTHER_PASSWORD)
    run.submit("Set my password", "Welcome back")
    check(run.heading() == "Welcome back, Ivy Invited", f"{size}: the invitee is signed in ({run.heading()})")
    run.sign_out()

    # Another company's sales rep: the same role, only Globex's records.
    run.sign_in("gus@globex.example", run.accounts["gus@globex.example"])
    check("Globex" in run.text() and "Hooli" in run.text() and "Initech" not in run.text(),
          f"{size}: Globex's leads only ({run.text()[:200]})")
    run.sign_out()

    # A role that must use two-step sign-in (finance): Fay sets it up as part of her first sign-in,
    # a wrong code first (asked again without a new QR code), then the right one with "remember".
    fay = "fay@acme.example"
    run.sign_in(fay, run.accounts[fay], "Set up two-step sign-in")
    check("needs two-step verification" in run.text(), f"{size}: why the setup is asked for ({run.text()[:120]})")
    check(run.page.find_elements(By.CSS_SELECTOR, "[role=img] svg"), f"{size}: the QR code at sign-in")
    key = run.page.find_element(By.CSS_SELECTOR, ".key").text.replace(" ", "")
    run.page_checks("signin-setup")
    code, _ = totp_code(key)
    run.field("6-digit code from the app").send_keys("000000" if code != "000000" else "111111")
    run.submit("Turn on two-step sign-in", "Set up two-step sign-in")
    check("didn't work" in run.alert(), f"{size}: a wrong code at setup ({run.alert()})")
    check(not run.page.find_elements(By.CSS_SELECTOR, "[role=img] svg"), f"{size}: no new QR code after a wrong code")
    code, _ = totp_code(key)
    run.field("6-digit code from the app").send_keys(code)
    run.field("Remember this device for 30 days, so it doesn't ask for a code here").click()
    run.submit("Turn on two-step sign-in", "Your recovery codes")
    check(len(run.page.find_elements(By.CSS_SELECTOR, "ol.codes li")) == 10, f"{size}: Fay's ten recovery codes")
    run.follow("I've saved them", "Welcome back")
    check(run.heading() == "Welcome back, Fay Finch" and "INV-1042" in run.text(),
          f"{size}: Fay is signed in and sees the invoices ({run.heading()})")
    run.sign_out()
    run.sign_in(fay, run.accounts[fay])  # the remembered device: no code asked
    check(run.heading() == "Welcome back, Fay Finch", f"{size}: Fay's device is remembered ({run.heading()})")


port = 18282
for size in sizes:
    run = Run(size, port)
    port += 1
    try:
        flows(run)
    except Exception as error:  # a missing element or a timeout: record it with the page it happened on
        step = next((f"line {frame.lineno}" for frame in reversed(traceback.extract_tb(error.__traceback__))
                     if frame.name == "flows"), "?")
        check(False, f"{size}: stopped at {step} on '{run.page.title}': {type(error).__name__}: "
                     f"{str(error).splitlines()[0] if str(error) else ''}")
        run.page.save_screenshot(f"{shots}/failed-{size}.png")
    finally:
        run.close()
print("browser checks:", "all passed" if not failures else f"{len(failures)} failed")
sys.exit(1 if failures else 0)

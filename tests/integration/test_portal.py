"""The setup portal (/portal/, doc/portal.md) in a real browser: headless
Chromium driven by Selenium (Debian's chromium, chromium-driver and
python3-selenium), against nginx of the one stack run.sh starts.

One browser serves the whole module (started once, in setUpClass).  The
steps run in order, as an IT admin would take them: open a fresh link,
generate a token, use it for a Test Connection and a user creation and see
both in the activity panel, regenerate with a short overlap, delete a token;
then what must be refused: a used or expired link, another tenant, a change
without the CSRF token.  Each step leaves a screenshot in the module's output
folder, $FASTSCIM_BUILDDIR/tests/integration/test_portal/.

The only waits are bounded polls (the page's answers; a six-second overlap
ending), never a sleep that decides a result.
"""

import json
import os
import re
import sys
import time
import unittest
import urllib.parse

from fixture import ENV, admin, record_token, request, wait_until

try:
    from selenium import webdriver
except ImportError:  # a Python of its own (pyenv, a venv) does not see Debian's packages
    sys.path.append("/usr/lib/python3/dist-packages")
    from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

TENANT = "portal"
COOKIE = "fastscim_portal"
SCIM = ENV["endpoints"]["nginx"]
ORIGIN = SCIM[:SCIM.index("/scim/v2")]
MANAGE = ORIGIN + "/manage/v1"
OUT = os.path.join(os.environ.get("FASTSCIM_BUILDDIR", ENV["workdir"]), "tests", "integration", "test_portal")


def chromedriver():
    for path in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"):
        if os.access(path, os.X_OK):
            return path
    raise AssertionError("chromedriver is missing: install chromium-driver (scripts/install-deps.sh)")


def mint_link(*extra):
    result = admin("portal", "link", "--tenant", TENANT, *extra, json_output=True, check=True)
    url = json.loads(result.stdout)["url"]
    record_token(url.split("#link=", 1)[1])
    return url


def manage(method, path, cookie=None, csrf=None, body=None):
    """A management API call with a portal session's cookie (and CSRF token)."""
    headers = {"Accept": "application/json"}
    if cookie:
        headers["Cookie"] = "%s=%s" % (COOKIE, cookie)
    if csrf is not None:
        headers["X-CSRF-Token"] = csrf
    if body is not None:
        body = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    return request(method, MANAGE + path, body=body, headers=headers)


def scim_filter(token, user_name):
    query = urllib.parse.quote('userName eq "%s"' % user_name)
    return request("GET", SCIM + "/Users?filter=" + query, token=token)


class PortalInBrowserTest(unittest.TestCase):
    """The steps share one browser and one session, so they run in name order."""

    @classmethod
    def setUpClass(cls):
        os.makedirs(OUT, exist_ok=True)
        for old in os.listdir(OUT):  # this run's steps only
            if old.endswith(".png"):
                os.remove(os.path.join(OUT, old))
        admin("tenant", "create", TENANT, check=True)
        options = webdriver.ChromeOptions()
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--window-size=1280,1000", "--disable-extensions", "--no-first-run"):
            options.add_argument(arg)
        options.binary_location = "/usr/bin/chromium"
        # The stack's certificate is self-signed; https (and so Secure
        # cookies) works as with a real one.
        options.accept_insecure_certs = True
        cls.browser = webdriver.Chrome(service=Service(chromedriver()), options=options)
        cls.browser.set_script_timeout(20)
        cls.link = mint_link()
        cls.step = 0

    @classmethod
    def tearDownClass(cls):
        cls.browser.quit()

    # ---- helpers -----------------------------------------------------------

    def shot(self, name):
        type(self).step += 1
        self.browser.save_screenshot(os.path.join(OUT, "%02d-%s.png" % (self.step, name)))

    def find(self, css):
        return self.browser.find_element(By.CSS_SELECTOR, css)

    def text(self, css):
        return self.find(css).text

    def wait_for(self, predicate, what, timeout=20):
        def attempt():
            try:
                return predicate()
            except Exception:  # the element is not there yet
                return None
        value = wait_until(attempt, timeout)
        if not value:
            self.shot("failed")
            self.fail("the page never showed %s; message: %r" % (what, self.browser.find_element(By.ID, "main").text[:800]))
        return value

    def visible(self, element_id):
        return self.browser.find_element(By.ID, element_id).is_displayed()

    def session_cookie(self):
        # Its Path is /manage/v1, so WebDriver's view from /portal/ omits it.
        cookies = self.browser.execute_cdp_cmd("Network.getAllCookies", {})["cookies"]
        cookie = next((c for c in cookies if c["name"] == COOKIE), None)
        self.assertIsNotNone(cookie, "no session cookie")
        record_token(cookie["value"])
        return cookie

    def token_row(self, name):
        return self.find('#tokens tbody tr[data-token="%s"]' % name)

    def new_secret(self, previous=""):
        return self.wait_for(lambda: self.visible("new-secret") and
                             (self.find("#secret-value").get_attribute("value") or None) not in (None, previous) and
                             self.find("#secret-value").get_attribute("value"), "a new secret")

    # ---- the steps -----------------------------------------------------------

    def test_01_a_fresh_link_opens_the_tenants_portal(self):
        self.browser.get(self.link)
        self.wait_for(lambda: self.visible("portal"), "the portal")
        self.assertIn(TENANT, self.text("#tenant-name"))
        # The Tenant URL the identity provider needs: the configured public URL.
        self.assertEqual(self.find("#tenant-url").get_attribute("value"), SCIM)
        # The link's secret leaves the address bar and the history at once.
        self.assertNotIn("#link=", self.browser.current_url)
        cookie = self.session_cookie()
        self.assertTrue(cookie["httpOnly"], cookie)
        self.assertTrue(cookie["secure"], cookie)
        self.assertEqual(cookie.get("sameSite"), "Strict", cookie)
        self.assertEqual(cookie["path"], "/manage/v1", cookie)
        # The page's own script cannot read it.
        self.assertNotIn(COOKIE, self.browser.execute_script("return document.cookie"))
        self.wait_for(lambda: "No call yet" in self.text("#last-call"), "no call yet")
        self.shot("opened")

    def test_02_a_token_is_generated_tested_and_used_and_the_activity_shows_it(self):
        self.find("#token-name").send_keys("entra")
        self.find("#generate").click()
        secret = self.new_secret()
        record_token(secret)
        self.assertTrue(secret.startswith("fscim_"), secret)
        self.assertIn("will not be shown again", self.text("#new-secret"))
        self.wait_for(lambda: self.token_row("entra"), "the token in the list")
        self.shot("generated")
        # Entra's Test Connection, then its first create.
        probe = scim_filter(secret, "test-connection-probe@example.com")
        self.assertEqual(probe.status, 200, probe)
        user = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "userName": "ada@portal.example.com", "active": True,
                "name": {"givenName": "Ada", "familyName": "Lovelace"}}
        created = request("POST", SCIM + "/Users", token=secret, body=user)
        self.assertEqual(created.status, 201, created)
        # A token's use is written within about a second of the request
        # (auth/token_uses.h): the admin presses Refresh until it shows.
        def refreshed_last_call():
            self.find("#refresh").click()
            return "entra" in self.text("#last-call")
        self.wait_for(refreshed_last_call, "the last call with token entra")
        self.assertIn("Succeeded", self.text("#test-status"))
        self.wait_for(lambda: "ada@portal.example.com" in self.text("#log tbody"), "the creation in the log")
        self.assertIn("POST User", self.text("#log tbody"))
        self.assertEqual(self.text("#seats"), "1")
        self.browser.execute_script("document.getElementById('working').scrollIntoView()")
        self.shot("activity")
        # The failures filter hides it.
        self.find("#failures-only").click()
        self.wait_for(lambda: self.visible("log-empty"), "no failures")
        self.assertNotIn("ada@portal.example.com", self.text("#log tbody"))
        self.find("#failures-only").click()
        self.wait_for(lambda: "ada@portal.example.com" in self.text("#log tbody"), "the log again")
        type(self).entra_secret = secret

    def test_03_regenerate_keeps_the_old_token_for_the_overlap_only(self):
        old = self.entra_secret
        overlap = self.find("#overlap")
        overlap.clear()
        overlap.send_keys("0.1")  # six seconds
        started = time.monotonic()
        self.token_row("entra").find_element(By.XPATH, ".//button[text()='Regenerate']").click()
        new = self.new_secret(previous=old)
        record_token(new)
        self.assertNotEqual(new, old)
        self.assertIn("keeps working until", self.text("#secret-note"))
        self.shot("regenerated")
        self.assertEqual(scim_filter(new, "x@example.com").status, 200)
        still = scim_filter(old, "x@example.com")
        if time.monotonic() - started < 5:  # well inside the overlap
            self.assertEqual(still.status, 200, still)
        stopped = wait_until(lambda: scim_filter(old, "x@example.com").status == 401, 30, interval=0.5)
        self.assertTrue(stopped, "the old token still works after the overlap")
        self.assertEqual(scim_filter(new, "x@example.com").status, 200)

    def test_04_a_token_is_deleted_after_confirmation(self):
        previous = self.find("#secret-value").get_attribute("value")
        self.find("#token-name").send_keys("spare")
        self.find("#generate").click()
        spare = self.new_secret(previous=previous)
        record_token(spare)
        self.wait_for(lambda: self.token_row("spare"), "the spare token")
        self.assertEqual(scim_filter(spare, "x@example.com").status, 200)
        self.token_row("spare").find_element(By.XPATH, ".//button[text()='Delete']").click()
        self.wait_for(lambda: self.visible("confirm"), "the confirmation")
        self.assertIn("stops working at once", self.text("#confirm-text"))
        self.shot("confirm-delete")
        self.find("#confirm-ok").click()
        self.wait_for(lambda: "deleted" in self.token_row("spare").text, "the token deleted")
        self.assertEqual(scim_filter(spare, "x@example.com").status, 401)
        self.shot("deleted")

    def test_05_a_phone_sized_window_shows_every_section(self):
        # A phone's viewport (headless Chromium's window is never narrower
        # than 500 px, so the size is emulated).
        self.browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                     {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
        try:
            self.browser.refresh()
            self.wait_for(lambda: self.visible("portal"), "the portal")
            for section in ("connect", "guide", "working"):
                self.assertTrue(self.visible(section), section)
            width = self.browser.execute_script("return document.documentElement.scrollWidth")
            wide = self.browser.execute_script(
                "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 390)"
                ".slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className);")
            self.assertLessEqual(width, 390, "the page is wider than the phone: %s" % wide)
            self.shot("phone")
        finally:
            self.browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def test_06_the_guide_maps_the_tenants_schemas(self):
        mapping = self.wait_for(lambda: "userName" in self.text("#mapping") and self.text("#mapping"), "the mapping")
        self.assertIn("urn:ietf:params:scim:schemas:core:2.0:User", mapping)
        self.assertIn("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", mapping)
        self.assertIn("userPrincipalName", mapping)
        self.assertIn(SCIM, self.text("#guide"))

    def test_07_a_used_link_is_refused_with_a_page_that_says_so(self):
        self.browser.get("about:blank")
        self.browser.get(self.link)
        self.wait_for(lambda: self.visible("gate") and "cannot be used" in self.text("#gate-title"), "the refusal")
        self.assertIn("used already", self.text("#gate-text"))
        self.assertFalse(self.visible("portal"))
        self.shot("used-link")

    def test_08_an_expired_link_is_refused_with_a_page_that_says_so(self):
        expired = mint_link("--expires", "1s")
        time.sleep(1.2)  # the link's whole life; what is asserted is the page
        self.browser.get("about:blank")
        self.browser.get(expired)
        self.wait_for(lambda: "cannot be used" in self.text("#gate-title"), "the refusal")
        self.assertIn("expired", self.text("#gate-text"))
        self.shot("expired-link")

    def test_09_the_session_sees_its_tenant_and_no_other(self):
        cookie = self.session_cookie()["value"]
        # From the page's own script…
        status = self.browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch('/manage/v1/tenants/alpha/tokens', {credentials: 'same-origin'}).then(r => done(r.status));")
        self.assertEqual(status, 404)
        # …and with the cookie straight from a client.
        mine = manage("GET", "/tenants/%s/tokens" % TENANT, cookie=cookie)
        self.assertEqual(mine.status, 200, mine)
        for path in ("/tenants/alpha/tokens", "/tenants/beta", "/tenants/alpha/log", "/tenants/alpha/users"):
            other = manage("GET", path, cookie=cookie)
            self.assertEqual(other.status, 404, (path, other))
        listed = manage("GET", "/tenants", cookie=cookie)
        self.assertEqual([t["name"] for t in listed.json()], [TENANT])
        # A session is no API key: it cannot mint links or keys.
        session = manage("GET", "/portal/session", cookie=cookie).json()
        link = manage("POST", "/tenants/%s/portal-links" % TENANT, cookie=cookie, csrf=session["csrfToken"], body={})
        self.assertEqual(link.status, 403, link)
        # The cookie is for the management API only: SCIM does not take it.
        self.assertEqual(request("GET", SCIM + "/Users", headers={"Cookie": COOKIE + "=" + cookie}).status, 401)

    def test_10_no_change_without_the_csrf_token(self):
        cookie = self.session_cookie()["value"]
        csrf = manage("GET", "/portal/session", cookie=cookie).json()["csrfToken"]
        for token in (None, "", "0" * 64):
            refused = manage("POST", "/tenants/%s/tokens" % TENANT, cookie=cookie, csrf=token, body={"name": "csrf"})
            self.assertEqual(refused.status, 403, refused)
            self.assertIn("CSRF", refused.json()["message"])
            patched = manage("PATCH", "/tenants/%s/settings" % TENANT, cookie=cookie, csrf=token,
                             body={"provisioning": "off"})
            self.assertEqual(patched.status, 403, patched)
        names = [t["name"] for t in manage("GET", "/tenants/%s/tokens" % TENANT, cookie=cookie).json()]
        self.assertNotIn("csrf", names)
        self.assertEqual(manage("GET", "/tenants/%s/settings" % TENANT, cookie=cookie).json()["provisioning"], "on")
        issued = manage("POST", "/tenants/%s/tokens" % TENANT, cookie=cookie, csrf=csrf, body={"name": "csrf"})
        self.assertEqual(issued.status, 201, issued)
        record_token(issued.json()["token"])

    def test_11_provisioning_is_switched_off_and_on_from_the_page(self):
        self.browser.get(ORIGIN + "/portal/")
        self.wait_for(lambda: self.visible("portal") and self.find("#provisioning").is_selected(), "provisioning on")
        self.find("#provisioning").click()
        self.find("#save-settings").click()
        off = wait_until(lambda: scim_filter(self.entra_new(), "x@example.com").status == 403, 10, interval=0.2)
        self.assertTrue(off, "provisioning did not switch off")
        self.find("#provisioning").click()
        self.find("#save-settings").click()
        on = wait_until(lambda: scim_filter(self.entra_new(), "x@example.com").status == 200, 10, interval=0.2)
        self.assertTrue(on, "provisioning did not switch on again")

    def test_11b_a_held_deletion_is_approved_from_the_page(self):
        admin("tenant", "set", TENANT, "deprovision-guard", "1", check=True)
        ids = []
        for login in ("gone", "held"):
            user = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                    "userName": login + "@portal.example.com"}
            created = request("POST", SCIM + "/Users", token=self.entra_new(), body=user)
            self.assertEqual(created.status, 201, created)
            ids.append(created.json()["id"])
        for user_id in ids:
            self.assertEqual(request("DELETE", SCIM + "/Users/" + user_id, token=self.entra_new()).status, 204)
        self.find("#refresh").click()
        self.wait_for(lambda: "held@portal.example.com" in self.text("#held tbody"), "the held deletion")
        self.assertNotIn("gone@portal.example.com", self.text("#held tbody"))
        self.shot("held")
        self.find('#held tbody tr button:not(.danger)').click()
        self.wait_for(lambda: self.visible("held-empty"), "nothing held any more")
        events = json.loads(admin("events", "list", "--tenant", TENANT, "--limit", "1000",
                                  json_output=True, check=True).stdout)["events"]
        self.assertEqual([e["resource"]["id"] for e in events if e["type"] == "user.deleted"], ids)

    def entra_new(self):
        if not hasattr(type(self), "fresh"):
            type(self).fresh = admin("token", "issue", "--tenant", TENANT, "--name", "switch", check=True).stdout.strip()
            record_token(type(self).fresh)
        return type(self).fresh

    def test_12_signing_out_ends_the_session(self):
        cookie = self.session_cookie()["value"]
        self.find("#sign-out").click()
        self.wait_for(lambda: "Signed out" in self.text("#gate-title"), "signed out")
        self.shot("signed-out")
        ended = manage("GET", "/tenants/%s/tokens" % TENANT, cookie=cookie)
        self.assertEqual(ended.status, 401, ended)


class PortalServedTest(unittest.TestCase):
    """The page as the shipped web-server configurations serve it."""

    def test_nginx_and_apache_serve_the_page_with_a_policy_that_forbids_inline_scripts(self):
        for endpoint in ("nginx", "apache_proxy_fcgi", "apache_fcgid"):
            origin = ENV["endpoints"][endpoint][:-len("/scim/v2")]
            with self.subTest(endpoint=endpoint):
                page = request("GET", origin + "/portal/", headers={"Accept": "text/html"})
                self.assertEqual(page.status, 200, page)
                self.assertEqual(page.media_type, "text/html")
                csp = page.header("content-security-policy") or ""
                self.assertIn("script-src 'self'", csp)
                self.assertIn("default-src 'none'", csp)
                self.assertNotIn("unsafe-inline", csp)
                self.assertIn("frame-ancestors 'none'", csp)
                self.assertEqual(page.header("x-content-type-options"), "nosniff")
                script = request("GET", origin + "/portal/portal.js", headers={"Accept": "*/*"})
                self.assertEqual(script.status, 200, script)
                self.assertIn(script.media_type, ("text/javascript", "application/javascript"))

    def test_the_page_has_no_inline_script_or_style(self):
        html = open(os.path.join(ENV["srcdir"], "portal", "index.html"), encoding="utf-8").read()
        for tag in re.findall(r"<script\b[^>]*>", html):
            self.assertIn(" src=", tag)
        self.assertNotRegex(html, r"<style\b|\sstyle=|\son[a-z]+=")


if __name__ == "__main__":
    unittest.main()

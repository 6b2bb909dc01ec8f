"""Creates COUNT accounts on a running CRMServer the way people do: the registration form, the
confirmation link from the development outbox, the confirmation button. Standard library only.

    python3 seed_accounts.py BASE_URL COUNT PASSWORD      (emails load1@example.org ... loadCOUNT@...)
"""
import html
import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

base, count, password = sys.argv[1], int(sys.argv[2]), sys.argv[3]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def get(path):
    with opener.open(base + path) as response:
        return response.read().decode()


def post(path, fields):
    page = get(path if path != "/verify" else "/login")
    token = re.search(r'name="csrf_token" value="([^"]*)"', page).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, **fields}).encode()
    request = urllib.request.Request(base + path, data=data, headers={"Origin": base})
    with opener.open(request) as response:
        return response.read().decode()


for index in range(1, count + 1):
    email = f"load{index}@example.org"
    answer = post("/register", {"name": f"Load {index}", "email": email, "password": password})
    assert "Check your email" in answer, answer[:500]
    outbox = get("/outbox")
    link = re.search(r'href="(/verify\?token=[^"]+)"', outbox).group(1)
    token = urllib.parse.parse_qs(urllib.parse.urlparse(html.unescape(link)).query)["token"][0]
    confirmed = post("/verify", {"token": token})
    assert "confirmed" in confirmed, confirmed[:500]
print(f"seeded {count} accounts")

package fazt.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlTest implements JsConformance {
    /** input | base | expected href (or "FAIL"); from the WPT urltestdata patterns. */
    @ParameterizedTest(name = "{0} against {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "http://example.com/a/b/../c/./d?x#y | - | http://example.com/a/c/d?x#y",
                "../x | http://a/b/c/d | http://a/b/x",
                "../../../../x | http://a/b/c | http://a/x",
                "//h/p | https://a/b | https://h/p",
                "?q | http://a/b?x#f | http://a/b?q",
                "#f2 | http://a/b?x#f | http://a/b?x#f2",
                "/abs | http://a/b/c | http://a/abs",
                "x/%2e%2E/y | http://a/b/ | http://a/b/y",
                "HTTP://EXAMPLE.COM:80/ | - | http://example.com/",
                "https://a:443/p | - | https://a/p",
                "http://a:0080/ | - | http://a/",
                "http://ex%41mple.com/ | - | http://example.com/",
                "http://example.com/ä?ä#ä | - | http://example.com/%C3%A4?%C3%A4#%C3%A4",
                "http://example.com/'?' | - | http://example.com/'?%27",
                "non-special://h/'?' | - | non-special://h/'?'",
                "http://example.com/{a}^`| - | http://example.com/%7Ba%7D%5E%60",
                "http://user:pa ss@host/ | - | http://user:pa%20ss@host/",
                "http://@host/ | - | http://host/",
                "http://a@b@host/ | - | http://a%40b@host/",
                "http://example.com\\a\\b | - | http://example.com/a/b",
                "http://[::1]:8080/ | - | http://[::1]:8080/",
                "http://[0:0:0:0:0:ffff:7f00:1]/ | - | http://[::ffff:7f00:1]/",
                "http://[::ffff:127.0.0.1]/ | - | http://[::ffff:7f00:1]/",
                "http://[1:0:0:2:0:0:0:3]/ | - | http://[1:0:0:2::3]/",
                "http://[1:0::]/ | - | http://[1::]/",
                "http://[::]/ | - | http://[::]/",
                "http://[1:2:3:4:5:6:7:8:9]/ | - | FAIL",
                "http://[1::2::3]/ | - | FAIL",
                "http://[::1.2.3]/ | - | FAIL",
                "http://0x7f.1/ | - | http://127.0.0.1/",
                "http://2130706433/ | - | http://127.0.0.1/",
                "http://0300.168.0xF0/ | - | http://192.168.0.240/",
                "http://127.1/ | - | http://127.0.0.1/",
                "http://1.2.3.4.5/ | - | FAIL",
                "http://192.168.0.257/ | - | FAIL",
                "http://foo.09/ | - | FAIL",
                "http://foo.0x/ | - | FAIL",
                "http://0x/ | - | http://0.0.0.0/",
                "http://a b/ | - | FAIL",
                "http://a<b/ | - | FAIL",
                "http://%00/ | - | FAIL",
                "http://example.com:65536/ | - | FAIL",
                "http://example.com:8a/ | - | FAIL",
                "http:// | - | FAIL",
                "http://münchen.de/ | - | http://xn--mnchen-3ya.de/",
                "http://EXAMPLE.com./ | - | http://example.com./",
                "mailto:a@b.c | - | mailto:a@b.c",
                "javascript:alert(1) | - | javascript:alert(1)",
                "non-special://host/p?q | - | non-special://host/p?q",
                "non-special://HOST/ | - | non-special://HOST/",
                "non-special:/..//p | - | non-special:/.//p",
                "file:///C:/x/../y | - | file:///C:/y",
                "file://localhost/etc | - | file:///etc",
                "file:///a/../../b | - | file:///b",
                "x | - | FAIL",
                "x | mailto:a | FAIL",
                "  http://a/  | - | http://a/",
                "http://a/b c | - | http://a/b%20c",
                "wss://a:443/ | - | wss://a/",
                "wss://a:80/ | - | wss://a:80/",
                "ws://a:80/ | - | ws://a/",
                "http:/a/b | - | http://a/b",
                "http:a/b | http://h/x/y | http://h/x/a/b",
                "https:a/b | http://h/x/y | https://a/b",
            })
    void parses(String input, String base, String expected, JsHarness js) {
        String call =
                base == null ? "new URL(" + quote(input) + ")" : "new URL(" + quote(input) + ", " + quote(base) + ")";
        String out = js.run("try { return " + call
                + ".href; } catch (e) { return e instanceof TypeError ? 'FAIL' : 'other ' + e; }");
        assertThat(out).as(call).isEqualTo(expected);
    }

    static Stream<JsCase> cases() {
        return Stream.of(
                JsCase.of(
                        "components",
                        "const u = new URL('https://u:p@h.com:8080/p/a?q=1#f'); return [u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash, u.origin]",
                        "[\"https:\",\"u\",\"p\",\"h.com:8080\",\"h.com\",\"8080\",\"/p/a\",\"?q=1\",\"#f\",\"https://h.com:8080\"]"),
                JsCase.of("tabs and newlines are removed", "return new URL('ht\\ttp://a/\\nb').href", "http://a/b"),
                JsCase.of(
                        "opaque origins",
                        "return [new URL('mailto:x').origin, new URL('blob:https://a.com/u').origin, new URL('file:///x').origin]",
                        "[\"null\",\"https://a.com\",\"null\"]"),
                JsCase.of(
                        "searchParams is live (url to params)",
                        "const u = new URL('http://a/?x=1'); u.search = '?y=2'; return u.searchParams.get('y')",
                        "2"),
                JsCase.of(
                        "searchParams is live (params to url)",
                        "const u = new URL('http://a/?x=1'); u.searchParams.append('y', '2 3'); return u.href",
                        "http://a/?x=1&y=2+3"),
                JsCase.of(
                        "clearing params drops the ?",
                        "const u = new URL('http://a/?x=1'); u.searchParams.delete('x'); return u.href",
                        "http://a/"),
                JsCase.of(
                        "searchParams is the same object",
                        "const u = new URL('http://a/'); return u.searchParams === u.searchParams",
                        "true"),
                JsCase.of(
                        "setters",
                        "const u = new URL('http://a/'); u.port = '8080'; u.hostname = 'b.com'; u.pathname = '/x y'; u.hash = 'h h'; u.protocol = 'https'; u.username = 'me'; return u.href",
                        "https://me@b.com:8080/x%20y#h%20h"),
                JsCase.of(
                        "default port setter clears the port",
                        "const u = new URL('http://a:81/'); u.port = '80'; return u.host",
                        "a"),
                JsCase.of(
                        "protocol setter cannot switch special to non-special",
                        "const u = new URL('http://a/'); u.protocol = 'mailto'; return u.protocol",
                        "http:"),
                JsCase.of(
                        "host setter ignores an invalid host",
                        "const u = new URL('http://a/'); u.host = 'b c'; return u.host",
                        "a"),
                JsCase.of(
                        "href setter throws on invalid",
                        "new URL('http://a/').href = 'nope'",
                        "!TypeError: Failed to set the 'href' property on 'URL': Invalid URL 'nope'"),
                JsCase.of(
                        "invalid URL is a TypeError",
                        "new URL('nope')",
                        "!TypeError: Failed to construct 'URL': Invalid URL: nope"),
                JsCase.of(
                        "canParse and parse",
                        "return [URL.canParse('x'), URL.canParse('x', 'http://a/'), URL.parse('x'), URL.parse('/y', 'http://a/b').href]",
                        "[false,true,null,\"http://a/y\"]"),
                JsCase.of(
                        "toJSON and toString",
                        "const u = new URL('http://a'); return [JSON.stringify({u}), String(u)]",
                        "[\"{\\\"u\\\":\\\"http://a/\\\"}\",\"http://a/\"]"),
                JsCase.of(
                        "params parse",
                        "return [...new URLSearchParams('?a=1&b=x+y&a=%zz&&c&d=%41')]",
                        "[[\"a\",\"1\"],[\"b\",\"x y\"],[\"a\",\"%zz\"],[\"c\",\"\"],[\"d\",\"A\"]]"),
                JsCase.of(
                        "params serialize",
                        "return new URLSearchParams({k: '*-._~!', s: 'x y', e: '\\u00e9&='}).toString()",
                        "k=*-._%7E%21&s=x+y&e=%C3%A9%26%3D"),
                JsCase.of(
                        "params getAll, has with value, delete with value, size",
                        "const p = new URLSearchParams('a=1&a=2&b=3'); const r = [p.getAll('a'), p.has('a', '2'), p.has('a', '9')]; p.delete('a', '1'); return [...r, p.toString(), p.size]",
                        "[[\"1\",\"2\"],true,false,\"a=2&b=3\",2]"),
                JsCase.of(
                        "params set keeps first position",
                        "const p = new URLSearchParams('a=1&b=2&a=3'); p.set('a', 'x'); return p.toString()",
                        "a=x&b=2"),
                JsCase.of(
                        "params sort is stable",
                        "const p = new URLSearchParams('z=1&a=2&z=0&b=3'); p.sort(); return p.toString()",
                        "a=2&b=3&z=1&z=0"),
                JsCase.of(
                        "params from pairs and record",
                        "return [new URLSearchParams([['a', 'b']]).toString(), new URLSearchParams({x: 1}).toString()]",
                        "[\"a=b\",\"x=1\"]"),
                JsCase.of(
                        "params bad pair",
                        "new URLSearchParams([['a']])",
                        "!TypeError: Failed to construct 'URLSearchParams': The provided value cannot be converted to a sequence."),
                JsCase.of(
                        "URL properties enumerate on the prototype",
                        "return Object.keys(URL.prototype).includes('href')",
                        "true"));
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}

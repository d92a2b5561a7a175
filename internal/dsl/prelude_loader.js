// FETCH and fetch, as in DNSControl: defined only with --allow-fetch
// (FETCH exists either way and says how to enable it).
//
// DNSControl's fetch follows an early Fetch API polyfill; dnsctl keeps its
// observable behaviour: fetch(url, {method, headers, body}) returns a
// Promise of a Response whose text() and json() return Promises, whose
// headers have get/getAll/has/append/set/delete with lower-cased names,
// whose statusText is the whole status line ("404 Not Found") and whose
// ok is true whatever the status. The request is made when fetch is
// called; the callbacks given to then() run after the configuration's top
// level has finished, as in DNSControl. FETCH is fetch whose failure (no
// answer at all; an HTTP error status is an answer) stops the evaluation.
//
// host (see prelude.js) adds:
//   host.fetchAllowed              whether --allow-fetch was given
//   host.fetch(url, method, headers, body) makes the request: {status,
//       statusText, headers: [[name, value]...], body} or {error}
//   host.pos()                     "file:line" of the user's current call
//   host.fetchFailed(pos, reason)  stops the evaluation at pos
(function (host) {
    'use strict';

    var g = globalThis;

    function Headers(init) {
        this._headers = {};
        if (init instanceof Headers) {
            init = init._headers;
        }
        if (typeof init === 'object' && init !== null) {
            for (var k in init) {
                var v = init[k];
                if (!Array.isArray(v)) {
                    v = [v];
                }
                v.forEach(function (e) {
                    this.append(k, e);
                }, this);
            }
        }
    }
    Headers.prototype.append = function (name, value) {
        var n = String(name).toLowerCase();
        if (!Object.prototype.hasOwnProperty.call(this._headers, n)) {
            this._headers[n] = [];
        }
        this._headers[n].push(value);
    };
    Headers.prototype['delete'] = function (name) {
        delete this._headers[String(name).toLowerCase()];
    };
    Headers.prototype.get = function (name) {
        var v = this._headers[String(name).toLowerCase()];
        return v ? v[0] : undefined;
    };
    Headers.prototype.getAll = function (name) {
        return this._headers[String(name).toLowerCase()] || [];
    };
    Headers.prototype.has = function (name) {
        return Array.isArray(this._headers[String(name).toLowerCase()]);
    };
    Headers.prototype.set = function (name, value) {
        this._headers[String(name).toLowerCase()] = [value];
    };

    function Response(r) {
        this.bodyUsed = true;
        this.headers = new Headers({});
        // As in DNSControl, ok and type are set before the answer is known.
        this.ok = true;
        this.type = undefined;
        this.status = r.status;
        this.statusText = r.statusText;
        r.headers.forEach(function (kv) {
            this.headers.append(kv[0], kv[1]);
        }, this);
        this._body = r.body;
    }
    Response.prototype.text = function () {
        var body = this._body;
        return new Promise(function (resolve) {
            resolve(body);
        });
    };
    Response.prototype.json = function () {
        return this.text().then(function (d) {
            return JSON.parse(d);
        });
    };

    function fetch(input, init) {
        init = init || {};
        var url = input;
        var method = 'GET';
        var headers = new Headers({});
        var body = null;
        if (init.method) {
            method = init.method;
        }
        if (init.headers) {
            headers = new Headers(init.headers);
        }
        if (init.body) {
            body = init.body;
        }
        var flat = {};
        Object.keys(headers._headers).forEach(function (k) {
            var v = headers.get(k);
            if (v !== null && v !== undefined) {
                flat[k] = String(v);
            }
        });
        var r = host.fetch(String(url), String(method), flat, typeof body === 'string' ? body : null);
        if (r.error !== undefined) {
            return Promise.reject(new Error(r.error));
        }
        return Promise.resolve(new Response(r));
    }

    if (host.fetchAllowed) {
        g.fetch = fetch;
        g.Headers = Headers;
        g.Response = Response;
    }

    g.FETCH = function FETCH() {
        if (!host.fetchAllowed) {
            host.fail('FETCH', "ReferenceError: 'fetch' is not defined: FETCH needs the --allow-fetch flag (as in DNSControl)");
        }
        var pos = host.pos();
        return fetch.apply(null, arguments)['catch'](function (reason) {
            host.fetchFailed(pos, reason);
        });
    };
})

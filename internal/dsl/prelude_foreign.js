// The functions and constants DNSControl defines for DNS providers dnsctl
// does not have (Cloudflare, Hurricane Electric, Akamai, MikroTik, Bunny,
// Namecheap, PowerDNS…), so that a configuration shared with them loads.
//
//   - Their settings (CF_PROXY_ON, HEDNS_DYNAMIC_ON, CF_COMMENT("…")…) are
//     plain metadata, as in DNSControl: a record carrying them works at
//     ROUTE53 and BIND, which ignore them (dnsctl warns once).
//   - Their record functions (ALIAS, URL, CF_REDIRECT, LUA…) make records of
//     their own type; validation refuses such a record at every provider
//     dnsctl has, naming the provider, the record's line and, where there is
//     one, the Route 53 equivalent.
//
// host.record(fn, type, label, data, modifiers, first) makes a record (see
// foreign.go); host.fail(fn, message) throws an error positioned at the
// user's call.
(function (host) {
    'use strict';

    var g = globalThis;
    var slice = Array.prototype.slice;

    function describe(v) {
        if (v === undefined) {
            return 'undefined';
        }
        if (v === null) {
            return 'null';
        }
        if (typeof v === 'string') {
            return JSON.stringify(v);
        }
        if (Array.isArray(v)) {
            return 'an array';
        }
        return typeof v === 'object' ? 'an object' : String(v);
    }

    function need(fn, a, names) {
        if (a.length < names.length) {
            host.fail(fn, 'needs ' + names.length + ' arguments (' + names.join(', ') + '), got ' + a.length);
        }
    }

    function str(fn, what, v) {
        if (typeof v !== 'string') {
            host.fail(fn, what + ' must be a string, got ' + describe(v));
        }
        return v;
    }

    function num(fn, what, v) {
        if (typeof v === 'string' && /^[0-9]+$/.test(v)) {
            return v;
        }
        if (typeof v !== 'number' || v < 0 || v % 1 !== 0) {
            host.fail(fn, what + ' must be a whole number, got ' + describe(v));
        }
        return String(v);
    }

    // plain(fn, type, params) defines fn(name, params..., modifiers...),
    // whose params are strings.
    function plain(fn, type, params) {
        g[fn] = function () {
            var a = slice.call(arguments);
            need(fn, a, ['name'].concat(params));
            var name = str(fn, 'name', a[0]);
            var data = params.map(function (p, i) {
                return str(fn, p, a[i + 1]);
            });
            return host.record(fn, type, name, data.join(' '), a.slice(1 + params.length), 2 + params.length);
        };
    }

    // Records of other providers' types.
    plain('ALIAS', 'ALIAS', ['target']);
    plain('AKAMAICDN', 'AKAMAICDN', ['target']);
    plain('ADGUARDHOME_A_PASSTHROUGH', 'ADGUARDHOME_A_PASSTHROUGH', ['target']);
    plain('ADGUARDHOME_AAAA_PASSTHROUGH', 'ADGUARDHOME_AAAA_PASSTHROUGH', ['target']);
    plain('BUNNY_DNS_RDR', 'BUNNY_DNS_RDR', ['target']);
    plain('CLOUDNS_WR', 'CLOUDNS_WR', ['target']);
    plain('FRAME', 'FRAME', ['target']);
    plain('MIKROTIK_FORWARDER', 'MIKROTIK_FORWARDER', ['dns_servers']);
    plain('MIKROTIK_FWD', 'MIKROTIK_FWD', ['target']);
    plain('NS1_URLFWD', 'NS1_URLFWD', ['target']);
    plain('PORKBUN_URLFWD', 'PORKBUN_URLFWD', ['target']);
    plain('URL', 'URL', ['target']);
    plain('URL301', 'URL301', ['target']);

    // AZURE_ALIAS(name, type, target, modifiers...)
    g.AZURE_ALIAS = function AZURE_ALIAS() {
        var fn = 'AZURE_ALIAS';
        var a = slice.call(arguments);
        need(fn, a, ['name', 'type', 'target']);
        var t = str(fn, 'type', a[1]);
        if (['A', 'AAAA', 'CNAME'].indexOf(t) < 0) {
            host.fail(fn, 'type must be "A", "AAAA" or "CNAME", got ' + describe(t));
        }
        return host.record(fn, 'AZURE_ALIAS', str(fn, 'name', a[0]), t + ' ' + str(fn, 'target', a[2]), a.slice(3), 4);
    };

    // AKAMAITLC(name, answer_type, target, modifiers...)
    g.AKAMAITLC = function AKAMAITLC() {
        var fn = 'AKAMAITLC';
        var a = slice.call(arguments);
        need(fn, a, ['name', 'answer_type', 'target']);
        var t = str(fn, 'answer_type', a[1]);
        if (['DUAL', 'A', 'AAAA'].indexOf(t) < 0) {
            host.fail(fn, 'answer_type must be "DUAL", "A" or "AAAA", got ' + describe(t));
        }
        return host.record(fn, 'AKAMAITLC', str(fn, 'name', a[0]), t + ' ' + str(fn, 'target', a[2]), a.slice(3), 4);
    };

    // BUNNY_DNS_PZ(name, pullZoneId, modifiers...)
    g.BUNNY_DNS_PZ = function BUNNY_DNS_PZ() {
        var fn = 'BUNNY_DNS_PZ';
        var a = slice.call(arguments);
        need(fn, a, ['name', 'pullZoneId']);
        if (a[1] === undefined || a[1] === null || typeof a[1] === 'object') {
            host.fail(fn, 'pullZoneId must be a number or a string, got ' + describe(a[1]));
        }
        return host.record(fn, 'BUNNY_DNS_PZ', str(fn, 'name', a[0]), String(a[1]), a.slice(2), 3);
    };

    // MIKROTIK_NXDOMAIN(name, modifiers...)
    g.MIKROTIK_NXDOMAIN = function MIKROTIK_NXDOMAIN() {
        var fn = 'MIKROTIK_NXDOMAIN';
        var a = slice.call(arguments);
        need(fn, a, ['name']);
        return host.record(fn, 'MIKROTIK_NXDOMAIN', str(fn, 'name', a[0]), 'NXDOMAIN', a.slice(1), 2);
    };

    // LUA(name, rtype, script, modifiers...): the script is a string or an
    // array of strings, joined.
    g.LUA = function LUA() {
        var fn = 'LUA';
        var a = slice.call(arguments);
        need(fn, a, ['name', 'rtype', 'script']);
        var rtype = str(fn, 'rtype', a[1]).toUpperCase();
        var script = a[2];
        if (Array.isArray(script)) {
            script.forEach(function (s, i) {
                str(fn, 'script[' + i + ']', s);
            });
            script = script.join('');
        }
        str(fn, 'script', script);
        return host.record(fn, 'LUA', str(fn, 'name', a[0]), rtype + ' ' + script, a.slice(3), 4);
    };

    // Cloudflare's page rules and worker routes apply to the zone: their
    // first arguments are URL patterns, not a name.
    function cfRule(fn, params) {
        g[fn] = function () {
            var a = slice.call(arguments);
            need(fn, a, params);
            var data = params.map(function (p, i) {
                var v = str(fn, p, a[i]);
                if (v.indexOf(',') >= 0) {
                    host.fail(fn, p + ' must not hold a comma, got ' + describe(v));
                }
                return v;
            });
            return host.record(fn, fn, '@', data.join(','), a.slice(params.length), 1 + params.length);
        };
    }
    cfRule('CF_REDIRECT', ['source', 'destination']);
    cfRule('CF_TEMP_REDIRECT', ['source', 'destination']);
    cfRule('CF_WORKER_ROUTE', ['pattern', 'script']);

    // CF_SINGLE_REDIRECT(name, code, when, then, modifiers...)
    g.CF_SINGLE_REDIRECT = function CF_SINGLE_REDIRECT() {
        var fn = 'CF_SINGLE_REDIRECT';
        var a = slice.call(arguments);
        need(fn, a, ['name', 'code', 'when', 'then']);
        var name = str(fn, 'name', a[0]);
        var data = [num(fn, 'code', a[1]), str(fn, 'when', a[2]), str(fn, 'then', a[3])];
        return host.record(fn, 'CF_SINGLE_REDIRECT', '@', name + ' ' + data.join(' '), a.slice(4), 5);
    };

    // Cloudflare settings: record metadata...
    g.CF_PROXY_OFF = Object.freeze({ cloudflare_proxy: 'off' });
    g.CF_PROXY_ON = Object.freeze({ cloudflare_proxy: 'on' });
    g.CF_PROXY_FULL = Object.freeze({ cloudflare_proxy: 'full' });
    g.CF_CNAME_FLATTEN_OFF = Object.freeze({ cloudflare_cname_flatten: 'off' });
    g.CF_CNAME_FLATTEN_ON = Object.freeze({ cloudflare_cname_flatten: 'on' });
    g.CF_COMMENT = function CF_COMMENT(comment) {
        return { cloudflare_comment: comment };
    };
    g.CF_TAGS = function CF_TAGS() {
        return { cloudflare_tags: slice.call(arguments).join(',') };
    };
    // ... and domain metadata.
    g.CF_PROXY_DEFAULT_OFF = Object.freeze({ cloudflare_proxy_default: 'off' });
    g.CF_PROXY_DEFAULT_ON = Object.freeze({ cloudflare_proxy_default: 'on' });
    g.CF_UNIVERSALSSL_OFF = Object.freeze({ cloudflare_universalssl: 'off' });
    g.CF_UNIVERSALSSL_ON = Object.freeze({ cloudflare_universalssl: 'on' });
    g.CF_MANAGE_COMMENTS = Object.freeze({ cloudflare_manage_comments: 'true' });
    g.CF_MANAGE_TAGS = Object.freeze({ cloudflare_manage_tags: 'true' });

    // Hurricane Electric settings.
    g.HEDNS_DYNAMIC_ON = Object.freeze({ hedns_dynamic: 'on' });
    g.HEDNS_DYNAMIC_OFF = Object.freeze({ hedns_dynamic: 'off' });
    g.HEDNS_DDNS_KEY = function HEDNS_DDNS_KEY(key) {
        return { hedns_dynamic: 'on', hedns_ddns_key: key };
    };

    // GIDINET_PREMIUM_NS() delegates to Gidinet's premium name servers, as
    // in DNSControl: plain NAMESERVER()s, which every provider understands.
    g.GIDINET_PREMIUM_NS = function GIDINET_PREMIUM_NS() {
        return [1, 2, 3, 4, 5].map(function (i) {
            return NAMESERVER('dns' + i + '.gidinet.com.');
        });
    };
})

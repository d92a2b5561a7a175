// The parts of the dnsctl DSL that read best as JavaScript: the record
// builders and a few conveniences. Record functions (TXT, CAA, ...) and
// modifiers are Go built-ins; the builders here only compose calls to them.
//
// This file evaluates to a function; dnsctl calls it once per evaluation
// with `host`, private helpers implemented in Go:
//   host.fail(fn, message)        throws an error positioned at the user's call
//   host.seconds(fn, what, value) converts a TTL or duration to seconds
//   host.dkimQP(text)             DKIM quoted-printable encoding (RFC 6376 2.11)
(function (host) {
    'use strict';

    var g = globalThis;

    // asList turns an optional string-or-array option into an array.
    function asList(fn, name, v) {
        if (v === undefined || v === null || v === '') {
            return [];
        }
        if (typeof v === 'string') {
            return [v];
        }
        if (!Array.isArray(v)) {
            host.fail(fn, name + ' must be a string or an array of strings');
        }
        v.forEach(function (x, i) {
            if (typeof x !== 'string') {
                host.fail(fn, name + '[' + i + '] must be a string');
            }
        });
        return v;
    }

    function options(fn, o, example) {
        if (o === null || typeof o !== 'object' || Array.isArray(o)) {
            host.fail(fn, 'needs an options object such as ' + example);
        }
        return o;
    }

    // ttlMods returns the record modifiers for an optional ttl option.
    function ttlMods(o) {
        return o.ttl === undefined || o.ttl === null || o.ttl === '' ? [] : [TTL(o.ttl)];
    }

    function label(fn, o, def) {
        if (o.label === undefined || o.label === null || o.label === '') {
            return def;
        }
        if (typeof o.label !== 'string') {
            host.fail(fn, 'label must be a string');
        }
        return o.label;
    }

    // CAA_BUILDER({label, iodef, iodef_critical, issue, issue_critical,
    // issuewild, issuewild_critical, issuevmc, issuevmc_critical,
    // issuemail, issuemail_critical, ttl}) returns the CAA records: iodef
    // first, then one record per CA of each property. "none" forbids all
    // CAs (the value ";").
    g.CAA_BUILDER = function CAA_BUILDER(o) {
        var fn = 'CAA_BUILDER';
        options(fn, o, '{issue: ["letsencrypt.org"], issuewild: "none"}');
        var name = label(fn, o, '@');
        var ttl = ttlMods(o);
        var props = ['issue', 'issuewild', 'issuevmc', 'issuemail'];
        var lists = {};
        var total = 0;
        props.forEach(function (p) {
            lists[p] = o[p] === 'none' ? [';'] : asList(fn, p, o[p]);
            total += lists[p].length;
        });
        if (total === 0) {
            host.fail(fn, 'needs at least one entry in issue, issuewild, issuevmc or issuemail');
        }
        var out = [];
        if (o.iodef) {
            if (typeof o.iodef !== 'string') {
                host.fail(fn, 'iodef must be a string such as "mailto:security@example.com"');
            }
            out.push(CAA(name, 'iodef', o.iodef, o.iodef_critical ? [CAA_CRITICAL] : [], ttl));
        }
        props.forEach(function (p) {
            var flag = o[p + '_critical'] ? [CAA_CRITICAL] : [];
            lists[p].forEach(function (ca) {
                out.push(CAA(name, p, ca, flag, ttl));
            });
        });
        return out;
    };

    var dmarcPolicies = { none: true, quarantine: true, reject: true };
    var dmarcAlignments = { r: 'r', s: 's', relaxed: 'r', strict: 's' };

    // DMARC_BUILDER({label, version, policy, subdomainPolicy, alignmentSPF,
    // alignmentDKIM, percent, rua, ruf, failureOptions, failureFormat,
    // reportInterval, ttl}) returns one TXT record at _dmarc[.label] with
    // the tags in DNSControl's order: v p sp adkim aspf pct rua ruf fo rf ri.
    g.DMARC_BUILDER = function DMARC_BUILDER(o) {
        var fn = 'DMARC_BUILDER';
        options(fn, o || {}, '{policy: "reject"}');
        o = o || {};
        var lbl = label(fn, o, '@');
        var name = lbl === '@' ? '_dmarc' : '_dmarc.' + lbl;
        var policy = o.policy || 'none';
        if (!dmarcPolicies[policy]) {
            host.fail(fn, 'policy must be "none", "quarantine" or "reject", got ' + JSON.stringify(policy));
        }
        var tags = ['v=' + (o.version || 'DMARC1'), 'p=' + policy];
        if (o.subdomainPolicy) {
            if (!dmarcPolicies[o.subdomainPolicy]) {
                host.fail(fn, 'subdomainPolicy must be "none", "quarantine" or "reject", got ' + JSON.stringify(o.subdomainPolicy));
            }
            tags.push('sp=' + o.subdomainPolicy);
        }
        if (o.alignmentDKIM) {
            if (!dmarcAlignments[o.alignmentDKIM]) {
                host.fail(fn, 'alignmentDKIM must be "relaxed", "r", "strict" or "s", got ' + JSON.stringify(o.alignmentDKIM));
            }
            tags.push('adkim=' + dmarcAlignments[o.alignmentDKIM]);
        }
        if (o.alignmentSPF) {
            if (!dmarcAlignments[o.alignmentSPF]) {
                host.fail(fn, 'alignmentSPF must be "relaxed", "r", "strict" or "s", got ' + JSON.stringify(o.alignmentSPF));
            }
            tags.push('aspf=' + dmarcAlignments[o.alignmentSPF]);
        }
        if (o.percent !== undefined && o.percent !== null) {
            if (typeof o.percent !== 'number' || o.percent < 0 || o.percent > 100 || o.percent % 1 !== 0) {
                host.fail(fn, 'percent must be a whole number from 0 to 100, got ' + JSON.stringify(o.percent));
            }
            tags.push('pct=' + o.percent);
        }
        var rua = asList(fn, 'rua', o.rua);
        var ruf = asList(fn, 'ruf', o.ruf);
        if (rua.length > 0) {
            tags.push('rua=' + rua.join(','));
        }
        if (ruf.length > 0) {
            tags.push('ruf=' + ruf.join(','));
        }
        // Failure reporting options only matter with failure reports.
        if (ruf.length > 0 && o.failureOptions) {
            var fo = o.failureOptions;
            if (typeof fo === 'object') {
                fo = fo.SPF && fo.DKIM ? '1' : fo.SPF ? 's' : fo.DKIM ? 'd' : '0';
            }
            fo = String(fo);
            if (fo !== '0') {
                tags.push('fo=' + fo);
            }
        }
        if (ruf.length > 0 && o.failureFormat) {
            tags.push('rf=' + o.failureFormat);
        }
        if (o.reportInterval !== undefined && o.reportInterval !== null && o.reportInterval !== '') {
            tags.push('ri=' + host.seconds(fn, 'reportInterval', o.reportInterval));
        }
        return TXT(name, tags.join('; '), ttlMods(o));
    };

    var dkimHashes = { rsa: ['sha1', 'sha256'], ed25519: ['sha256'] };

    // DKIM_BUILDER({selector, pubkey, label, version, hashtypes, keytype,
    // note, servicetypes, flags, ttl}) returns one TXT record at
    // selector._domainkey[.label] with tags in RFC 6376 order: v h k n p s t.
    g.DKIM_BUILDER = function DKIM_BUILDER(o) {
        var fn = 'DKIM_BUILDER';
        options(fn, o, '{selector: "s1", pubkey: "MIIBIjANBg..."}');
        if (typeof o.selector !== 'string' || o.selector === '') {
            host.fail(fn, 'selector must be a non-empty string');
        }
        var version = o.version || 'DKIM1';
        if (version !== 'DKIM1') {
            host.fail(fn, 'version must be "DKIM1", got ' + JSON.stringify(version));
        }
        var keytype = o.keytype || '';
        if (keytype !== '' && !dkimHashes[keytype]) {
            host.fail(fn, 'keytype must be "rsa" or "ed25519", got ' + JSON.stringify(keytype));
        }
        var hashes = asList(fn, 'hashtypes', o.hashtypes);
        var allowed = dkimHashes[keytype || 'rsa'];
        hashes.forEach(function (h) {
            if (allowed.indexOf(h) < 0) {
                host.fail(fn, 'hashtypes for ' + (keytype || 'rsa') + ' keys must be among ' + allowed.join(', ') + ', got ' + JSON.stringify(h));
            }
        });
        var services = asList(fn, 'servicetypes', o.servicetypes);
        services.forEach(function (s) {
            if (s !== '*' && s !== 'email') {
                host.fail(fn, 'servicetypes must be "*" or "email", got ' + JSON.stringify(s));
            }
        });
        var flags = asList(fn, 'flags', o.flags);
        flags.forEach(function (f) {
            if (f !== 'y' && f !== 's') {
                host.fail(fn, 'flags must be "y" or "s", got ' + JSON.stringify(f));
            }
        });
        var pubkey = o.pubkey === undefined || o.pubkey === null ? '' : o.pubkey;
        if (typeof pubkey !== 'string') {
            host.fail(fn, 'pubkey must be a string');
        }
        var tags = ['v=' + version];
        if (hashes.length > 0) {
            tags.push('h=' + hashes.join(':'));
        }
        if (keytype !== '') {
            tags.push('k=' + keytype);
        }
        if (o.note) {
            tags.push('n=' + host.dkimQP(String(o.note)));
        }
        tags.push('p=' + pubkey);
        if (services.length > 0) {
            tags.push('s=' + services.join(':'));
        }
        if (flags.length > 0) {
            tags.push('t=' + flags.join(':'));
        }
        var lbl = label(fn, o, '@');
        var name = o.selector + '._domainkey' + (lbl === '@' ? '' : '.' + lbl);
        return TXT(name, tags.join('; '), ttlMods(o));
    };

    // DKIM(x) is a DNSControl no-op kept for old configurations.
    g.DKIM = function DKIM(x) {
        return x;
    };

    // CLI_DEFAULTS({name: value}) defines each global the command line did
    // not set with -v name=value.
    g.CLI_DEFAULTS = function CLI_DEFAULTS(defaults) {
        Object.keys(defaults || {}).forEach(function (k) {
            if (typeof g[k] === 'undefined') {
                g[k] = defaults[k];
            }
        });
    };

    // DOMAIN_ELSEWHERE(name, registrar, nameservers) delegates a domain
    // whose records are managed elsewhere to a fixed list of name servers.
    g.DOMAIN_ELSEWHERE = function DOMAIN_ELSEWHERE(name, registrar, nameservers) {
        D(name, registrar, NO_PURGE, asList('DOMAIN_ELSEWHERE', 'nameservers', nameservers).map(function (ns) {
            return NAMESERVER(ns);
        }));
    };

    // DOMAIN_ELSEWHERE_AUTO(name, registrar, providers...) delegates to the
    // name servers of DNS providers that do not manage its records here.
    g.DOMAIN_ELSEWHERE_AUTO = function DOMAIN_ELSEWHERE_AUTO(name, registrar) {
        var providers = Array.prototype.slice.call(arguments, 2);
        D(name, registrar, NO_PURGE, providers.map(function (p) {
            return DnsProvider(p);
        }));
    };

    // Record modifiers DNSControl defines as metadata.
    g.DISABLE_REPEATED_DOMAIN_CHECK = Object.freeze({ skip_fqdn_check: 'true' });
    g.IGNORE_NAME_DISABLE_SAFETY_CHECK = Object.freeze({ ignore_name_disable_safety_check: 'true' });
})

// Provider-independent builders of DNSControl that compose other DSL
// functions: M365_BUILDER and the LOC_BUILDER_* family. They reproduce
// what DNSControl's builders produce, quirks included (see
// docs/language/helpers.md), so a migrated configuration keeps its records.
//
// Like prelude.js this file evaluates to a function called with `host`
// (host.fail, host.warn).
(function (host) {
    'use strict';

    var g = globalThis;

    // optionsOf returns the options object of builder fn; a missing one is
    // an empty object when allowed.
    function optionsOf(fn, o, allowMissing, example) {
        if ((o === undefined || o === null) && allowMissing) {
            return {};
        }
        if (o === null || typeof o !== 'object' || Array.isArray(o)) {
            host.fail(fn, 'needs an options object such as ' + example);
        }
        return o;
    }

    function stringOption(fn, o, k) {
        var v = o[k];
        if (v !== undefined && v !== null && typeof v !== 'string') {
            host.fail(fn, k + ' must be a string, got ' + JSON.stringify(v));
        }
        return v;
    }

    // M365_BUILDER(domain, {label, mx, autodiscover, dkim, skypeForBusiness,
    // mdm, domainGUID, initialDomain}) returns the Microsoft 365 records.
    //
    // As DNSControl does: label only places the MX record (Autodiscover,
    // DKIM, Skype and MDM records are always relative to the zone apex);
    // domainGUID defaults to the domain argument with dots turned into
    // dashes; and the options object is updated in place (label, mx,
    // autodiscover, dkim and domainGUID are written back), so an object
    // reused for a second call carries the first call's values.
    g.M365_BUILDER = function M365_BUILDER(name, o) {
        var fn = 'M365_BUILDER';
        if (typeof name !== 'string' || name === '') {
            host.fail(fn, 'needs the domain name as its first argument, such as M365_BUILDER("example.com", {initialDomain: "example.onmicrosoft.com"})');
        }
        o = optionsOf(fn, o, true, '{initialDomain: "example.onmicrosoft.com"}');
        if (o.__dnsctlM365Used) {
            host.warn(fn, 'this options object was already given to M365_BUILDER, which wrote its choices back into it (as DNSControl does): label ' +
                JSON.stringify(o.label) + ' and domainGUID ' + JSON.stringify(o.domainGUID) + ' come from that earlier call');
        }
        ['label', 'domainGUID', 'initialDomain'].forEach(function (k) {
            stringOption(fn, o, k);
        });
        ['mx', 'autodiscover', 'dkim'].forEach(function (k) {
            if (o[k] !== false) {
                o[k] = true;
            }
        });
        if (!o.label) {
            o.label = '@';
        }
        if (!o.domainGUID) {
            // Microsoft derives the GUID of a name with dashes in a way
            // nobody can reproduce; it must be given.
            if (name.indexOf('-') >= 0) {
                host.fail(fn, 'the domain ' + JSON.stringify(name) + ' has a dash, so its domainGUID cannot be derived; set domainGUID (see the Microsoft 365 admin centre)');
            }
            o.domainGUID = name.split('.').join('-');
        }
        if (o.dkim && !o.initialDomain) {
            host.fail(fn, 'DKIM (on unless dkim: false) needs initialDomain, the tenant\'s initial domain such as "example.onmicrosoft.com"');
        }
        Object.defineProperty(o, '__dnsctlM365Used', { value: true, enumerable: false, configurable: true });

        var out = [];
        if (o.mx) {
            out.push(MX(o.label, 0, o.domainGUID + '.mail.protection.outlook.com.'));
        }
        if (o.autodiscover) {
            o.label = '@'; // DNSControl resets it here (its autodiscover branch assigns instead of comparing)
            out.push(CNAME('autodiscover', 'autodiscover.outlook.com.'));
        }
        if (o.dkim) {
            [1, 2].forEach(function (n) {
                out.push(CNAME('selector' + n + '._domainkey',
                    'selector' + n + '-' + o.domainGUID + '._domainkey.' + o.initialDomain + '.'));
            });
        }
        if (o.skypeForBusiness) {
            out.push(CNAME('lyncdiscover', 'webdir.online.lync.com.'));
            out.push(CNAME('sip', 'sipdir.online.lync.com.'));
            out.push(SRV('_sip._tls', 100, 1, 443, 'sipdir.online.lync.com.'));
            out.push(SRV('_sipfederationtls._tcp', 100, 1, 5061, 'sipfed.online.lync.com.'));
        }
        if (o.mdm) {
            out.push(CNAME('enterpriseregistration', 'enterpriseregistration.windows.net.'));
            out.push(CNAME('enterpriseenrollment', 'enterpriseenrollment.manage.microsoft.com.'));
        }
        return out;
    };

    // Coordinates parsed from text: the forms DNSControl's LOC builders
    // read. Degrees-minutes-seconds: three numbers, each followed by any one
    // character (°, ′, ', d, m...), then the hemisphere letter (upper case),
    // optionally after one more character and one space.
    var dmsLat = /(-?\d+).(\d+).([\d.]+).? ?([NS])/;
    var dmsLon = /(-?\d+).(\d+).([\d.]+).? ?([EW])/;
    // Decimal degrees: a number, an optional degree sign, spaces, the
    // hemisphere letter (either case).
    var ddLat = /(-?\d+(?:\.\d+)?)°?\s*([NS])/i;
    var ddLon = /(-?\d+(?:\.\d+)?)°?\s*([EW])/i;

    function parseDMS(s) {
        var la = dmsLat.exec(s);
        var lo = dmsLon.exec(s);
        if (!la || !lo) {
            return null;
        }
        function part(m) {
            return { dg: parseInt(m[1], 10), mn: parseInt(m[2], 10), sc: parseFloat(m[3]), hemi: m[4] };
        }
        return { lat: part(la), lon: part(lo) };
    }

    // parseDecimal splits decimal degrees into whole degrees, whole minutes
    // and seconds rounded to the nearest second, as DNSControl does.
    function parseDecimal(s) {
        var la = ddLat.exec(s);
        var lo = ddLon.exec(s);
        if (!la || !lo) {
            return null;
        }
        function part(m) {
            var v = parseFloat(m[1]);
            var dg = Math.floor(v);
            var mn = Math.floor((v - dg) * 60);
            var sc = Math.round(((v - dg) * 60 - mn) * 60);
            return { dg: dg, mn: mn, sc: sc, hemi: m[2] };
        }
        return { lat: part(la), lon: part(lo) };
    }

    // fromDecimal converts signed decimal degrees, truncating to whole
    // minutes and to milliseconds of a second (DNSControl's arithmetic,
    // nudge of 1e-9 included, so the same input gives the same record).
    function fromDecimal(v, isLon) {
        var hemi = v < 0 ? (isLon ? 'W' : 'S') : (isLon ? 'E' : 'N');
        var a = Math.abs(v);
        var dg = a | 0;
        a += 1e-9;
        var mn = ((a % 1) * 60) | 0;
        var sc = (((a * 60) % 1) * 60000 | 0) / 1000;
        return { dg: dg, mn: mn, sc: sc, hemi: hemi };
    }

    // carry turns 60 seconds into a minute and 60 minutes into a degree (a
    // rounded DMM value can reach 60): the position is the same.
    function carry(p) {
        if (p.sc >= 60) {
            p.sc -= 60;
            p.mn += 1;
        }
        if (p.mn >= 60) {
            p.mn -= 60;
            p.dg += 1;
        }
        return p;
    }

    // locRecord returns the one LOC record a LOC builder makes: size and
    // precisions 0, altitude alt (0 when absent), TTL(ttl) when given.
    function locRecord(fn, o, pos) {
        var label = o.label ? o.label : '@';
        if (typeof label !== 'string') {
            host.fail(fn, 'label must be a string');
        }
        var la = carry(pos.lat);
        var lo = carry(pos.lon);
        var args = [label, la.dg, la.mn, la.sc, la.hemi, lo.dg, lo.mn, lo.sc, lo.hemi, o.alt ? o.alt : 0, 0, 0, 0];
        if (o.ttl) {
            args.push(TTL(o.ttl));
        }
        return [LOC.apply(null, args)];
    }

    // LOC_BUILDER_DD({label, x, y, alt, ttl}): x is the latitude and y the
    // longitude, in signed decimal degrees.
    g.LOC_BUILDER_DD = function LOC_BUILDER_DD(o) {
        var fn = 'LOC_BUILDER_DD';
        o = optionsOf(fn, o, false, '{label: "office", x: 51.5008, y: -0.1246, alt: 6}');
        ['x', 'y'].forEach(function (k) {
            if (typeof o[k] !== 'number' || !isFinite(o[k])) {
                host.fail(fn, k + ' must be a number of decimal degrees (x the latitude, y the longitude), got ' + JSON.stringify(o[k]));
            }
        });
        if (Math.abs(o.x) > 90 || Math.abs(o.y) > 180) {
            host.fail(fn, 'x (latitude) must be within ±90 and y (longitude) within ±180 degrees, got ' + o.x + ', ' + o.y);
        }
        return locRecord(fn, o, { lat: fromDecimal(o.x, false), lon: fromDecimal(o.y, true) });
    };

    function fromText(fn, o, parsers, example) {
        o = optionsOf(fn, o, false, '{label: "office", str: "' + example + '", alt: 4}');
        if (!o.str) {
            host.fail(fn, 'needs str, coordinates such as "' + example + '"');
        }
        if (typeof o.str !== 'string') {
            host.fail(fn, 'str must be a string such as "' + example + '"');
        }
        for (var i = 0; i < parsers.length; i++) {
            var pos = parsers[i](o.str);
            if (pos) {
                return locRecord(fn, o, pos);
            }
        }
        host.fail(fn, 'cannot read coordinates from ' + JSON.stringify(o.str) + '; write them such as "' + example + '" (hemisphere letters N/S and E/W)');
    }

    // LOC_BUILDER_DMM_STR({label, str: "25.24°S 153.15°E", alt, ttl}).
    g.LOC_BUILDER_DMM_STR = function LOC_BUILDER_DMM_STR(o) {
        return fromText('LOC_BUILDER_DMM_STR', o, [parseDecimal], '25.24°S 153.15°E');
    };

    // LOC_BUILDER_DMS_STR({label, str: "33°51′31″S 151°12′51″E", alt, ttl}).
    g.LOC_BUILDER_DMS_STR = function LOC_BUILDER_DMS_STR(o) {
        return fromText('LOC_BUILDER_DMS_STR', o, [parseDMS], '33°51′31″S 151°12′51″E');
    };

    // LOC_BUILDER_STR({label, str, alt, ttl}) reads decimal degrees first,
    // then degrees-minutes-seconds.
    g.LOC_BUILDER_STR = function LOC_BUILDER_STR(o) {
        return fromText('LOC_BUILDER_STR', o, [parseDecimal, parseDMS], '44.46046°N 110.82815°W');
    };
})

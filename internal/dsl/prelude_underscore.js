// `_`: the collection helpers DNSControl's JavaScript engine preloads
// (underscore.js), which its documentation uses (`_.each(domains,
// function (d) { D(d, ...) })`) and configurations copy. dnsctl defines the
// commonly used ones with the same arguments and results; they are written
// here, not taken from underscore.
(function (host) {
    'use strict';

    var g = globalThis;
    var _ = {};

    function isArrayLike(x) {
        return x !== null && x !== undefined && typeof x !== 'function' && typeof x.length === 'number' && x.length >= 0;
    }

    function bind(fn, ctx) {
        if (typeof fn !== 'function') {
            var key = fn;
            if (fn === undefined || fn === null) {
                return function (v) {
                    return v;
                };
            }
            return function (v) {
                return v === null || v === undefined ? undefined : v[key];
            };
        }
        return ctx === undefined ? fn : function (a, b, c) {
            return fn.call(ctx, a, b, c);
        };
    }

    // each(list, fn(value, index|key, list)[, context]) returns list.
    _.each = _.forEach = function (list, fn, ctx) {
        if (list === null || list === undefined) {
            return list;
        }
        fn = bind(fn, ctx);
        if (isArrayLike(list)) {
            for (var i = 0; i < list.length; i++) {
                fn(list[i], i, list);
            }
        } else {
            Object.keys(list).forEach(function (k) {
                fn(list[k], k, list);
            });
        }
        return list;
    };

    _.map = _.collect = function (list, fn, ctx) {
        var out = [];
        fn = bind(fn, ctx);
        _.each(list, function (v, k, l) {
            out.push(fn(v, k, l));
        });
        return out;
    };

    _.filter = _.select = function (list, fn, ctx) {
        var out = [];
        fn = bind(fn, ctx);
        _.each(list, function (v, k, l) {
            if (fn(v, k, l)) {
                out.push(v);
            }
        });
        return out;
    };

    _.reject = function (list, fn, ctx) {
        fn = bind(fn, ctx);
        return _.filter(list, function (v, k, l) {
            return !fn(v, k, l);
        });
    };

    _.reduce = _.foldl = _.inject = function (list, fn, memo, ctx) {
        var first = arguments.length < 3;
        fn = bind(fn, ctx);
        _.each(list, function (v, k, l) {
            if (first) {
                memo = v;
                first = false;
            } else {
                memo = fn(memo, v, k, l);
            }
        });
        if (first) {
            throw new TypeError('Reduce of empty array with no initial value');
        }
        return memo;
    };

    _.find = _.detect = function (list, fn, ctx) {
        var found;
        var done = false;
        fn = bind(fn, ctx);
        _.each(list, function (v, k, l) {
            if (!done && fn(v, k, l)) {
                found = v;
                done = true;
            }
        });
        return found;
    };

    _.every = _.all = function (list, fn, ctx) {
        fn = bind(fn, ctx);
        var ok = true;
        _.each(list, function (v, k, l) {
            ok = ok && !!fn(v, k, l);
        });
        return ok;
    };

    _.some = _.any = function (list, fn, ctx) {
        fn = bind(fn, ctx);
        var ok = false;
        _.each(list, function (v, k, l) {
            ok = ok || !!fn(v, k, l);
        });
        return ok;
    };

    _.contains = _.include = function (list, value) {
        return _.some(_.values(list), function (v) {
            return v === value;
        });
    };

    _.pluck = function (list, key) {
        return _.map(list, function (v) {
            return v[key];
        });
    };

    _.keys = function (o) {
        return o === null || typeof o !== 'object' && typeof o !== 'function' ? [] : Object.keys(o);
    };

    _.values = function (o) {
        if (isArrayLike(o)) {
            return Array.prototype.slice.call(o);
        }
        return _.keys(o).map(function (k) {
            return o[k];
        });
    };

    _.pairs = function (o) {
        return _.keys(o).map(function (k) {
            return [k, o[k]];
        });
    };

    _.has = function (o, k) {
        return o !== null && o !== undefined && Object.prototype.hasOwnProperty.call(o, k);
    };

    // extend(target, sources...) copies every property of the sources.
    _.extend = function (o) {
        for (var i = 1; i < arguments.length; i++) {
            var src = arguments[i];
            if (src) {
                for (var k in src) {
                    o[k] = src[k];
                }
            }
        }
        return o;
    };

    // defaults(target, sources...) fills the properties target lacks.
    _.defaults = function (o) {
        for (var i = 1; i < arguments.length; i++) {
            var src = arguments[i];
            if (src) {
                for (var k in src) {
                    if (o[k] === undefined) {
                        o[k] = src[k];
                    }
                }
            }
        }
        return o;
    };

    _.clone = function (o) {
        if (o === null || typeof o !== 'object') {
            return o;
        }
        return Array.isArray(o) ? o.slice() : _.extend({}, o);
    };

    _.isArray = Array.isArray;
    _.isString = function (x) {
        return typeof x === 'string' || Object.prototype.toString.call(x) === '[object String]';
    };
    _.isNumber = function (x) {
        return typeof x === 'number' || Object.prototype.toString.call(x) === '[object Number]';
    };
    _.isBoolean = function (x) {
        return x === true || x === false || Object.prototype.toString.call(x) === '[object Boolean]';
    };
    _.isFunction = function (x) {
        return typeof x === 'function';
    };
    _.isObject = function (x) {
        return x === Object(x);
    };
    _.isUndefined = function (x) {
        return x === undefined;
    };
    _.isNull = function (x) {
        return x === null;
    };
    _.isEmpty = function (x) {
        if (x === null || x === undefined) {
            return true;
        }
        if (isArrayLike(x) || _.isString(x)) {
            return x.length === 0;
        }
        return _.keys(x).length === 0;
    };

    _.size = function (x) {
        return x === null || x === undefined ? 0 : isArrayLike(x) ? x.length : _.keys(x).length;
    };

    _.first = _.head = _.take = function (a, n) {
        if (a === null || a === undefined) {
            return undefined;
        }
        return n === undefined ? a[0] : Array.prototype.slice.call(a, 0, Math.max(0, n));
    };

    _.last = function (a, n) {
        if (a === null || a === undefined) {
            return undefined;
        }
        return n === undefined ? a[a.length - 1] : Array.prototype.slice.call(a, Math.max(a.length - n, 0));
    };

    _.rest = _.tail = function (a, n) {
        return Array.prototype.slice.call(a, n === undefined ? 1 : n);
    };

    _.compact = function (a) {
        return _.filter(a, function (v) {
            return !!v;
        });
    };

    _.flatten = function (a, shallow) {
        var out = [];
        (function walk(list, depth) {
            _.each(list, function (v) {
                if (Array.isArray(v) && (!shallow || depth === 0)) {
                    walk(v, depth + 1);
                } else {
                    out.push(v);
                }
            });
        })(a, 0);
        return out;
    };

    _.uniq = _.unique = function (a) {
        var out = [];
        _.each(a, function (v) {
            if (out.indexOf(v) < 0) {
                out.push(v);
            }
        });
        return out;
    };

    _.without = function (a) {
        var drop = Array.prototype.slice.call(arguments, 1);
        return _.difference(a, drop);
    };

    _.difference = function (a) {
        var others = _.flatten(Array.prototype.slice.call(arguments, 1), true);
        return _.filter(a, function (v) {
            return others.indexOf(v) < 0;
        });
    };

    _.union = function () {
        return _.uniq(_.flatten(Array.prototype.slice.call(arguments), true));
    };

    _.intersection = function (a) {
        var others = Array.prototype.slice.call(arguments, 1);
        return _.filter(_.uniq(a), function (v) {
            return _.every(others, function (o) {
                return o.indexOf(v) >= 0;
            });
        });
    };

    _.indexOf = function (a, v) {
        return a === null || a === undefined ? -1 : Array.prototype.indexOf.call(a, v);
    };

    _.range = function (start, stop, step) {
        if (arguments.length <= 1) {
            stop = start || 0;
            start = 0;
        }
        step = step || 1;
        var out = [];
        for (var i = start; step > 0 ? i < stop : i > stop; i += step) {
            out.push(i);
        }
        return out;
    };

    _.times = function (n, fn, ctx) {
        var out = [];
        fn = bind(fn, ctx);
        for (var i = 0; i < n; i++) {
            out.push(fn(i));
        }
        return out;
    };

    _.sortBy = function (list, fn, ctx) {
        fn = bind(fn, ctx);
        return _.map(list, function (v, k, l) {
            return { v: v, i: k, c: fn(v, k, l) };
        }).sort(function (a, b) {
            if (a.c !== b.c) {
                if (a.c > b.c || a.c === undefined) {
                    return 1;
                }
                if (a.c < b.c || b.c === undefined) {
                    return -1;
                }
            }
            return a.i < b.i ? -1 : 1;
        }).map(function (x) {
            return x.v;
        });
    };

    _.groupBy = function (list, fn, ctx) {
        var out = {};
        fn = bind(fn, ctx);
        _.each(list, function (v, k, l) {
            var key = fn(v, k, l);
            (out[key] = out[key] || []).push(v);
        });
        return out;
    };

    _.identity = function (v) {
        return v;
    };

    if (g._ === undefined) {
        g._ = _;
    }
})

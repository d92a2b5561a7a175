package dsl

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/dop251/goja"
)

// loaderHost adds to the prelude's host object what prelude_loader.js
// needs (FETCH).
func (ev *evaluator) loaderHost(h *goja.Object) {
	_ = h.Set("fetchAllowed", ev.opts.allowFetch)
	_ = h.Set("pos", func(goja.FunctionCall) goja.Value { return ev.vm.ToValue(ev.userPos()) })
	_ = h.Set("fetch", ev.hostFetch)
	_ = h.Set("fetchFailed", func(c goja.FunctionCall) goja.Value {
		reason := c.Argument(1)
		msg := describeThrown(reason)
		if msg == "" {
			msg = "the request failed"
		}
		// As DNSControl's PANIC: the evaluation stops, whatever catches.
		ev.vm.Interrupt(&Error{Pos: c.Argument(0).String(), Func: "FETCH", Msg: msg})
		return goja.Undefined()
	})
}

// hostFetch makes one HTTP request for fetch(): (url, method, headers
// {name: value}, body or null). It returns {status, statusText, headers:
// [[name, value]...], body} or {error: message}. The request ends with the
// evaluation (time limit, interruption); the body counts towards the
// bytes an evaluation may read, and may be at most MaxFileSize.
func (ev *evaluator) hostFetch(c goja.FunctionCall) goja.Value {
	fail := func(msg string) goja.Value {
		o := ev.vm.NewObject()
		_ = o.Set("error", msg)
		return o
	}
	if !ev.opts.allowFetch {
		return fail("fetch is disabled (--allow-fetch)")
	}
	target, method := c.Argument(0).String(), c.Argument(1).String()
	shown := redactQuery(target)
	var body io.Reader
	if b := c.Argument(3); goja.IsString(b) {
		body = strings.NewReader(b.String())
	}
	req, err := http.NewRequestWithContext(ev.ctx, method, target, body)
	if err != nil {
		return fail(err.Error())
	}
	if h, ok := c.Argument(2).(*goja.Object); ok {
		for _, k := range h.Keys() {
			req.Header.Set(k, h.Get(k).String())
		}
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		ev.checkStopped("")
		var ue *url.Error
		if errors.As(err, &ue) {
			ue.URL = shown
		}
		return fail(err.Error())
	}
	defer res.Body.Close()
	limit := min(ev.opts.maxFile, ev.opts.maxTotal-ev.read)
	data, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	if err != nil {
		ev.checkStopped("")
		return fail(err.Error())
	}
	if int64(len(data)) > limit {
		if limit < ev.opts.maxFile {
			return fail(shown + ": the answer would take the bytes read by the configuration over " + sizeText(ev.opts.maxTotal) + ", the limit of an evaluation")
		}
		return fail(shown + ": the answer is larger than " + sizeText(ev.opts.maxFile) + ", the limit for a file read by the configuration")
	}
	ev.read += int64(len(data))
	names := make([]string, 0, len(res.Header))
	for k := range res.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	var headers []any
	for _, k := range names {
		for _, v := range res.Header[k] {
			headers = append(headers, ev.vm.NewArray(k, v))
		}
	}
	o := ev.vm.NewObject()
	_ = o.Set("status", res.StatusCode)
	_ = o.Set("statusText", res.Status)
	_ = o.Set("headers", ev.vm.NewArray(headers...))
	_ = o.Set("body", string(data))
	return o
}

// redactQuery returns u for messages: the values of its query and its
// password hidden, since URLs often carry tokens there (a token given with
// -v must not end up in a CI log).
func redactQuery(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	if p.User != nil {
		if _, has := p.User.Password(); has {
			p.User = url.UserPassword(p.User.Username(), "xxxxx")
		}
	}
	if p.RawQuery != "" {
		q := p.Query()
		for k := range q {
			q[k] = []string{"xxxxx"}
		}
		p.RawQuery = q.Encode()
	}
	return p.String()
}

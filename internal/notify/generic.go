package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// generic is the one kind of shoutrrr_url dnsctl sends to itself: Shoutrrr's
// "generic" service, a plain HTTP webhook. Two forms are read:
//
//	generic+https://host/path?q=1   POST the message to that URL as is
//	generic://host/path?options     POST to https://host/path (http with
//	                                disabletls=yes); the options below are
//	                                taken out, other query values go along
//
// Options: template=json (a JSON object {"message": …}, with title=… as
// "title", titlekey/messagekey renaming those keys, and $key=value adding
// fields), contenttype (default application/json), method (default POST),
// @Header=value (a request header). Without template the body is the
// message as plain text.
type generic struct {
	target      string
	method      string
	contentType string
	headers     http.Header
	json        bool
	titleKey    string
	messageKey  string
	title       string
	extra       map[string]string
}

// parseGeneric reads a shoutrrr_url of the generic service; ok is false
// for any other service.
func parseGeneric(raw string) (g generic, ok bool, err error) {
	u, err := url.Parse(raw)
	if err != nil {
		return g, false, fmt.Errorf("shoutrrr_url: %w", redactURL(err))
	}
	g = generic{method: http.MethodPost, contentType: "application/json", headers: http.Header{},
		titleKey: "title", messageKey: "message", extra: map[string]string{}}
	switch strings.ToLower(u.Scheme) {
	case "generic+https", "generic+http":
		u.Scheme = strings.TrimPrefix(strings.ToLower(u.Scheme), "generic+")
		g.target = u.String()
		return g, true, nil
	case "generic":
	default:
		return g, false, nil
	}
	q := u.Query()
	fwd := url.Values{}
	tls := true
	for key, vals := range q {
		v := vals[len(vals)-1]
		switch lk := strings.ToLower(key); {
		case strings.HasPrefix(key, "@"):
			g.headers.Set(key[1:], v)
		case strings.HasPrefix(key, "$"):
			g.extra[key[1:]] = v
		case lk == "template":
			if !strings.EqualFold(v, "json") {
				return g, true, fmt.Errorf("shoutrrr_url: template %q is not supported by dnsctl (only template=json, or none)", v)
			}
			g.json = true
		case lk == "contenttype":
			g.contentType = v
		case lk == "method":
			g.method = strings.ToUpper(v)
		case lk == "disabletls":
			tls = !(strings.EqualFold(v, "yes") || strings.EqualFold(v, "true"))
		case lk == "title":
			g.title = v
		case lk == "titlekey":
			g.titleKey = v
		case lk == "messagekey":
			g.messageKey = v
		case strings.HasPrefix(key, "_"):
			fwd[key[1:]] = vals // a reserved name, escaped
		default:
			fwd[key] = vals
		}
	}
	u.Scheme = "https"
	if !tls {
		u.Scheme = "http"
	}
	u.RawQuery = fwd.Encode()
	g.target = u.String()
	return g, true, nil
}

func (g generic) send(ctx context.Context, c *http.Client, e Event) error {
	text := e.text()
	body := []byte(text)
	if g.json {
		m := map[string]string{}
		for k, v := range g.extra {
			m[k] = v
		}
		if g.title != "" {
			m[g.titleKey] = g.title
		}
		m[g.messageKey] = text
		b, err := json.Marshal(m)
		if err != nil {
			return fmt.Errorf("generic notification: %w", err)
		}
		body = b
	}
	return postWith(ctx, c, "generic", g.method, g.target, g.contentType, g.headers, body)
}

// redactURL keeps a URL's text (which may hold a secret) out of err.
func redactURL(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

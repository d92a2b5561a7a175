// Package notify sends the chat notifications DNSControl users configure
// in the "notifications" entry of creds.json: a message per zone and
// provider with corrections, at preview (when asked) and after push.
//
// The services that are plain HTTP webhooks are supported: slack_url
// (Slack and Mattermost), teams_url, bonfire_url and telegram_bot_token
// with telegram_chat_id, and shoutrrr_url for Shoutrrr's generic webhook.
// Its other services (DNSControl reaches many through the Shoutrrr
// library) are not: New says so, and nothing is sent there.
package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Event is one zone's corrections at one provider.
type Event struct {
	Domain, Provider string
	// Lines are the corrections, one per line as preview prints them.
	Lines []string
	// Preview says they were only planned; otherwise push made them,
	// and Err says how that went.
	Preview bool
	Err     error
}

// message is the text of e: the corrections, one per line.
func (e Event) message() string { return strings.Join(e.Lines, "\n") }

// sender posts one event to one service.
type sender interface {
	send(ctx context.Context, c *http.Client, e Event) error
}

// Notifier sends events to every service configured.
type Notifier struct {
	client  *http.Client
	senders []sender

	// A service that timed out is not sent to again in the run: each
	// zone's notification would otherwise wait for the client's timeout
	// once more, and a run of many zones for a long time.
	mu     sync.Mutex
	gaveUp map[int]bool
}

// telegramAPI is Telegram's Bot API; tests point it elsewhere.
var telegramAPI = "https://api.telegram.org"

// Wanted reports whether the run sends notifications: --notify was given,
// or the entry's notify_on_push (for push) or notify_on_preview (for
// preview) is true, as in DNSControl.
func Wanted(fields map[string]string, flag, push bool) bool {
	if flag {
		return true
	}
	key := "notify_on_preview"
	if push {
		key = "notify_on_push"
	}
	b, _ := strconv.ParseBool(fields[key])
	return b
}

// New builds a Notifier from the entry's fields. It returns the remarks a
// user should see: settings dnsctl does not act on.
func New(fields map[string]string) (*Notifier, []string) {
	n := &Notifier{client: &http.Client{Timeout: 15 * time.Second}}
	var warn []string
	if u := fields["slack_url"]; u != "" {
		n.senders = append(n.senders, slack{url: u})
	}
	if u := fields["teams_url"]; u != "" {
		n.senders = append(n.senders, teams{url: u})
	}
	if u := fields["bonfire_url"]; u != "" {
		n.senders = append(n.senders, bonfire{url: u})
	}
	tok, chat := fields["telegram_bot_token"], fields["telegram_chat_id"]
	switch {
	case tok != "" && chat != "":
		id, err := strconv.ParseInt(chat, 10, 64)
		if err != nil {
			warn = append(warn, fmt.Sprintf("notifications: telegram_chat_id %q is not a number; nothing is sent to Telegram", chat))
		} else {
			n.senders = append(n.senders, telegram{token: tok, chat: id})
		}
	case tok != "" || chat != "":
		warn = append(warn, "notifications: Telegram needs both telegram_bot_token and telegram_chat_id; nothing is sent to Telegram")
	}
	if u := fields["shoutrrr_url"]; u != "" {
		g, ok, err := parseGeneric(u)
		switch {
		case err != nil:
			warn = append(warn, fmt.Sprintf("notifications: %v; nothing is sent there", err))
		case ok:
			n.senders = append(n.senders, g)
		default:
			warn = append(warn, "notifications: shoutrrr_url: only Shoutrrr's generic webhook (generic://… or generic+https://…) is supported by dnsctl, besides slack_url, teams_url, bonfire_url and Telegram; nothing is sent there")
		}
	}
	return n, warn
}

// Active reports whether any service will be sent to.
func (n *Notifier) Active() bool { return n != nil && len(n.senders) > 0 }

// Notify sends e to every service; the errors of those that failed are
// joined (each names its service).
func (n *Notifier) Notify(ctx context.Context, e Event) error {
	if !n.Active() || len(e.Lines) == 0 {
		return nil
	}
	var errs []error
	for i, s := range n.senders {
		n.mu.Lock()
		skip := n.gaveUp[i]
		n.mu.Unlock()
		if skip {
			continue
		}
		if err := s.send(ctx, n.client, e); err != nil {
			if timedOut(err) {
				n.mu.Lock()
				if n.gaveUp == nil {
					n.gaveUp = map[int]bool{}
				}
				n.gaveUp[i] = true
				n.mu.Unlock()
				err = fmt.Errorf("%w; nothing more is sent there in this run", err)
			}
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// timedOut reports whether err is a request that timed out.
func timedOut(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// redacted is an error whose text hides a secret; its cause stays
// reachable for errors.As (the cause's own text never held the secret).
type redacted struct {
	msg string
	err error
}

func (r redacted) Error() string { return r.msg }
func (r redacted) Unwrap() error { return r.err }

// post sends body to target and wants a 2xx answer.
func post(ctx context.Context, c *http.Client, service, target, contentType string, body []byte) error {
	return postWith(ctx, c, service, http.MethodPost, target, contentType, nil, body)
}

// postWith sends body to target with method and the extra headers, and
// wants a 2xx answer.
func postWith(ctx context.Context, c *http.Client, service, method, target, contentType string, headers http.Header, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s notification: %w", service, redactURL(err))
	}
	for k, v := range headers {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := c.Do(req)
	if err != nil {
		// The URL holds the webhook's secret: say what failed without it.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("%s notification: %w", service, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s notification: the service answered %s", service, resp.Status)
	}
	return nil
}

// headline is the text DNSControl's Slack and Bonfire notifiers send.
func headline(e Event) string {
	switch {
	case e.Preview:
		return fmt.Sprintf("**Preview: %s[%s] -** %s", e.Domain, e.Provider, e.message())
	case e.Err != nil:
		return fmt.Sprintf("**ERROR running correction on %s[%s] -** (%s) Error: %s", e.Domain, e.Provider, e.message(), e.Err)
	}
	return fmt.Sprintf("Successfully ran correction for **%s[%s]** - %s", e.Domain, e.Provider, e.message())
}

// chatPayload is the JSON body of Slack's and Teams' incoming webhooks.
type chatPayload struct {
	Username string `json:"username"`
	Text     string `json:"text"`
}

type slack struct{ url string }

func (s slack) send(ctx context.Context, c *http.Client, e Event) error {
	b, err := json.Marshal(chatPayload{Username: "dnsctl", Text: headline(e)})
	if err != nil {
		return fmt.Errorf("slack notification: %w", err)
	}
	return post(ctx, c, "slack", s.url, "application/json", b)
}

type teams struct{ url string }

func (t teams) send(ctx context.Context, c *http.Client, e Event) error {
	// The corrections as preformatted text (indented four spaces).
	msg := strings.ReplaceAll(e.message(), "\n", "\n    ")
	var text string
	switch {
	case e.Preview:
		text = fmt.Sprintf("**dnsctl preview %s**\n%s", e.Domain, msg)
	case e.Err != nil:
		text = fmt.Sprintf("**dnsctl error making changes %s**\n%s\nError: %s", e.Domain, msg, e.Err)
	default:
		text = fmt.Sprintf("**dnsctl changed %s**\n%s", e.Domain, msg)
	}
	b, err := json.Marshal(chatPayload{Username: "dnsctl", Text: text})
	if err != nil {
		return fmt.Errorf("teams notification: %w", err)
	}
	return post(ctx, c, "teams", t.url, "application/json", b)
}

// bonfire is Stack Exchange's chat: Markdown bodies, the first line on its
// own (multi-line messages are not rendered as Markdown there).
type bonfire struct{ url string }

func (b bonfire) send(ctx context.Context, c *http.Client, e Event) error {
	for _, part := range strings.SplitN(headline(e), "\n", 2) {
		if err := post(ctx, c, "bonfire", b.url, "text/markdown", []byte(part)); err != nil {
			return err
		}
	}
	return nil
}

type telegram struct {
	token string
	chat  int64
}

func (t telegram) send(ctx context.Context, c *http.Client, e Event) error {
	text := e.text()
	b, err := json.Marshal(struct {
		ChatID int64  `json:"chat_id"`
		Text   string `json:"text"`
	}{t.chat, text})
	if err != nil {
		return fmt.Errorf("telegram notification: %w", err)
	}
	// The token is part of the URL: an error must not show it.
	err = post(ctx, c, "telegram", telegramAPI+"/bot"+t.token+"/sendMessage", "application/json", b)
	if err != nil {
		return redacted{strings.ReplaceAll(err.Error(), t.token, "<token>"), err}
	}
	return nil
}

// text is the plain-text message of e, the one the services without a
// format of their own are sent.
func (e Event) text() string {
	switch {
	case e.Preview:
		return fmt.Sprintf("dnsctl preview: %s[%s]:\n%s", e.Domain, e.Provider, e.message())
	case e.Err != nil:
		return fmt.Sprintf("dnsctl ERROR running correction on %s[%s]:\n%s\nError: %s", e.Domain, e.Provider, e.message(), e.Err)
	default:
		return fmt.Sprintf("dnsctl successfully ran correction for %s[%s]:\n%s", e.Domain, e.Provider, e.message())
	}
}

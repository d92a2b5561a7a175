package diff

import (
	"strconv"
	"strings"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/safe"
)

// Line is one record-level correction as shown to a user.
type Line struct {
	Kind Kind
	// Text is one line of printable text: a newline, an escape or a bidi
	// control in a name, data or metadata value is escaped (see
	// safe.Text), here and in the report.
	Text string
}

// Lines renders a change as one line per record touched, the way DNSControl
// users read a plan:
//
//   - CREATE www.example.com A 192.0.2.1 ttl=300
//   - DELETE old.example.com CNAME target.example.com. ttl=300
//     ± MODIFY www.example.com A (192.0.2.1 ttl=300) -> (192.0.2.2 ttl=600)
//
// Inside a modified set, records with the same data are paired first, then
// the remaining old and new records in order; what is left is a creation or
// a deletion.
func (c Change) Lines(metaKeys []string) []Line {
	if c.Setting != nil {
		return []Line{c.Setting.line(c)}
	}
	name := c.Key.Name
	if c.Key.SetID != "" {
		name += " [" + c.Key.SetID + "]"
	}
	typ := c.Key.Type
	create := func(r *model.Record) Line {
		return Line{Create, safe.Text("+ CREATE " + name + " " + typ + " " + content(r, metaKeys))}
	}
	del := func(r *model.Record) Line {
		return Line{Delete, safe.Text("- DELETE " + name + " " + typ + " " + content(r, metaKeys))}
	}
	modify := func(o, n *model.Record) Line {
		return Line{Modify, safe.Text("± MODIFY " + name + " " + typ + " (" + content(o, metaKeys) + ") -> (" + content(n, metaKeys) + ")")}
	}
	var out []Line
	switch c.Kind {
	case Create:
		for _, r := range c.New {
			out = append(out, create(r))
		}
		return out
	case Delete:
		for _, r := range c.Old {
			out = append(out, del(r))
		}
		return out
	}
	// Modify: pair by data, then by position.
	newByData := make(map[string]*model.Record, len(c.New))
	for _, r := range c.New {
		newByData[r.Data] = r
	}
	used := make(map[*model.Record]bool, len(c.New))
	var oldLeft []*model.Record
	for _, o := range c.Old {
		if n, ok := newByData[o.Data]; ok && !used[n] {
			used[n] = true
			if !RecordsEqual(o, n, metaKeys) {
				out = append(out, modify(o, n))
			}
			continue
		}
		oldLeft = append(oldLeft, o)
	}
	var newLeft []*model.Record
	for _, n := range c.New {
		if !used[n] {
			newLeft = append(newLeft, n)
		}
	}
	i := 0
	for ; i < len(oldLeft) && i < len(newLeft); i++ {
		out = append(out, modify(oldLeft[i], newLeft[i]))
	}
	for _, o := range oldLeft[i:] {
		out = append(out, del(o))
	}
	for _, n := range newLeft[i:] {
		out = append(out, create(n))
	}
	return out
}

// content renders a record's data, TTL and compared metadata.
func content(r *model.Record, metaKeys []string) string {
	var b strings.Builder
	b.WriteString(r.Data)
	if r.Type != model.AliasType {
		b.WriteString(" ttl=")
		b.WriteString(strconv.FormatUint(uint64(r.TTL), 10))
	}
	for _, k := range metaKeys {
		if k == "alias_type" && r.Type == model.AliasType {
			continue // shown with the type
		}
		if v := r.Meta[k]; v != "" {
			b.WriteByte(' ')
			b.WriteString(k)
			b.WriteByte('=')
			b.WriteString(v)
		}
	}
	return b.String()
}

// line renders a settings change as one line:
//
//   - CREATE R53_HEALTH_CHECK api: HTTPS api.example.com:443/health
//     ± MODIFY R53_ZONE_TAGS example.com: (team=web) -> (team=edge)
func (s *Setting) line(c Change) Line {
	label := c.Key.SetID
	if label == "" {
		label = c.Key.Name
	}
	head := c.Key.Type + " " + label + ": "
	var text string
	switch c.Kind {
	case Create:
		text = "+ CREATE " + head + s.New
	case Delete:
		text = "- DELETE " + head + s.Old
	default:
		text = "± MODIFY " + head + "(" + s.Old + ") -> (" + s.New + ")"
	}
	if s.Note != "" {
		text += " [" + s.Note + "]"
	}
	return Line{c.Kind, safe.Text(text)}
}

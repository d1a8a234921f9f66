package feed

import (
	"fmt"
	"hash/fnv"
	"html"
	"html/template"
	"strings"
	"unicode/utf8"
)

// Icon is a publication's icon as served: its media type (image/svg+xml,
// image/png or image/x-icon) and its bytes.
type Icon struct {
	Type string
	Body []byte
}

// Media types of icons.
const (
	typeSVG = "image/svg+xml"
	typePNG = "image/png"
)

// iconColours are the squares of generated icons: dark enough for white
// text, the pages' accent first.
var iconColours = []string{"#a1221b", "#1f5f8b", "#2e7d4f", "#7a4b9a", "#b35c00", "#00707a", "#8a3a5e", "#4a5a1c"}

// defaultIcon makes the icon of a publication that configures none: a
// coloured square with the first character of its title, Chinese or
// Latin, in white. The colour comes from the title, so that publications
// side by side in a reader differ and a publication keeps its colour.
func defaultIcon(title string) Icon {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(title))
	if r == utf8.RuneError {
		r = '•'
	}
	h := fnv.New32a()
	h.Write([]byte(title))
	colour := iconColours[h.Sum32()%uint32(len(iconColours))]
	svg := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">`+
		`<rect width="64" height="64" rx="8" fill="%s"/>`+
		`<text x="32" y="32" dy=".35em" text-anchor="middle" font-size="40" font-weight="700" fill="#fff" `+
		`font-family="system-ui,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif">%s</text></svg>`+"\n",
		colour, html.EscapeString(string(r)))
	return Icon{Type: typeSVG, Body: []byte(svg)}
}

// icon returns the publication's icon: the configured one, else the
// generated one.
func (s *publication) icon() Icon {
	if ic, ok := s.cfg.Icons[s.pub.ID]; ok && len(ic.Body) > 0 {
		return ic
	}
	return defaultIcon(s.pub.Title)
}

// iconRoute returns the route of an icon of media type typ.
func iconRoute(typ string) *route {
	switch typ {
	case typePNG:
		return routeIconPNG
	case typeIcon:
		return routeIconICO
	}
	return routeIconSVG
}

// iconPath is where the publication's icon is served.
func (s *publication) iconPath() string { return iconRoute(s.icon().Type).path(s.prefix) }

// rssImage reports whether the icon may be the RSS channel's image: RSS
// 2.0 allows GIF, JPEG and PNG only, so an SVG or ICO icon (the generated
// one included) is declared in Atom and JSON Feed and on the pages, and
// not in RSS rather than as an image readers may not draw.
func (ic Icon) rssImage() bool { return ic.Type == typePNG }

// iconLink is the <link rel="icon"> of every page of the publication,
// written here for the reason alternate.Tag gives: html/template would
// escape the "+" of image/svg+xml.
func (s *publication) iconLink() template.HTML {
	return template.HTML(`<link rel="icon" type="` + html.EscapeString(s.icon().Type) +
		`" href="` + html.EscapeString(s.href(s.iconPath())) + `">`)
}

package review

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/locpipe/locpipe/pipeline/check"
)

// ServerOptions configure a review server.
type ServerOptions struct {
	Page   PageOptions   // how the page is built (its Manifest is read again for every page)
	Import ImportOptions // how approvals are learned and editions re-rendered
	// Check checks the editions again (after an approval, for its source
	// only: source is that file; "" for all); nil: no findings.
	Check  func(ctx context.Context, source string) ([]check.Finding, error)
	Title  string
	Logger *slog.Logger
	// LoopbackHosts refuses requests whose Host is not a loopback address
	// or localhost: a page elsewhere cannot reach the server by pointing
	// its own name at 127.0.0.1 (DNS rebinding).
	LoopbackHosts bool
}

// Server serves the review page of a run and takes approvals: GET / is the
// page, POST /api/approve an Approval as JSON. Approvals are serialised;
// one made against a revision of the segment that is no longer current is
// refused with 409 and the current segment, so that no edit is lost
// silently. Requests must come from the page itself: same origin and the
// page's token.
type Server struct {
	opts     ServerOptions
	token    string
	mu       sync.Mutex
	findings []check.Finding
	checked  bool
}

// NewServer returns a server for opts.
func NewServer(opts ServerOptions) (*Server, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	return &Server{opts: opts, token: hex.EncodeToString(b)}, nil
}

// IsLoopback reports whether addr (host:port) names a loopback address.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// loopbackHost reports whether a Host header names the loopback.
func loopbackHost(host string) bool {
	if _, _, err := net.SplitHostPort(host); err != nil {
		host = net.JoinHostPort(strings.Trim(host, "[]"), "0")
	}
	return IsLoopback(host)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Cache-Control", "no-store")
	if s.opts.LoopbackHosts && !loopbackHost(r.Host) {
		http.Error(w, "review: host not allowed", http.StatusForbidden)
		return
	}
	switch {
	case r.URL.Path == "/" && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		s.page(w, r)
	case r.URL.Path == "/api/approve" && r.Method == http.MethodPost:
		s.approve(w, r)
	case r.URL.Path == "/" || r.URL.Path == "/api/approve":
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) findingsLocked(ctx context.Context) []check.Finding {
	if s.opts.Check == nil || s.checked {
		return s.findings
	}
	fs, err := s.opts.Check(ctx, "")
	if err != nil {
		s.opts.Logger.Warn("check", "err", err)
		return nil
	}
	s.findings, s.checked = fs, true
	return fs
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	po := s.opts.Page
	po.Manifest = nil
	po.Findings = s.findingsLocked(r.Context())
	p, err := BuildPage(r.Context(), po)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var b bytes.Buffer
	if err := WritePage(&b, p, WriteOptions{Title: s.opts.Title, Serve: true, Token: s.token}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(b.Bytes())
}

// sameOrigin reports whether a state-changing request comes from the page:
// its Origin (when sent) is the server's own, and it carries the token.
func (s *Server) sameOrigin(r *http.Request) bool {
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return false
		}
	}
	return subtle.ConstantTimeCompare([]byte(r.Header.Get("X-Locpipe-Token")), []byte(s.token)) == 1
}

type approveReply struct {
	Cell  *cellJSON `json:"cell,omitempty"`
	Error string    `json:"error,omitempty"`
}

func (s *Server) approve(w http.ResponseWriter, r *http.Request) {
	reply := func(code int, c *Cell, msg string) {
		var out approveReply
		out.Error = msg
		if c != nil {
			cj, err := newCellJSON(c)
			if err == nil {
				out.Cell = &cj
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(out)
	}
	if !s.sameOrigin(r) {
		reply(http.StatusForbidden, nil, "request not from the review page")
		return
	}
	var a Approval
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		reply(http.StatusBadRequest, nil, "bad request: "+err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ctx := r.Context()
	po := s.opts.Page
	po.Findings = nil
	c, sum, err := Approve(ctx, a, s.opts.Import, po)
	switch {
	case errors.Is(err, ErrConflict):
		s.attach(ctx, c, a, false)
		reply(http.StatusConflict, c, err.Error())
		return
	case errors.Is(err, ErrRejected):
		reply(http.StatusUnprocessableEntity, c, err.Error())
		return
	case err != nil:
		s.opts.Logger.Error("approve", "file", a.Path, "locale", a.Locale, "segment", a.ID, "err", err)
		reply(http.StatusInternalServerError, c, err.Error())
		return
	}
	s.opts.Logger.Info("approved", "file", a.Path, "locale", a.Locale, "segment", a.ID, "learned", sum.Learned)
	s.attach(ctx, c, a, true)
	reply(http.StatusOK, c, "")
}

// attach puts the current findings on c; recheck checks a's source again
// first.
func (s *Server) attach(ctx context.Context, c *Cell, a Approval, recheck bool) {
	if c == nil || s.opts.Check == nil {
		return
	}
	fs := s.findingsLocked(ctx)
	m, err := LoadManifest(s.opts.Import.Out)
	if err != nil {
		return
	}
	ed := m.Find(a.Path, a.Locale)
	if ed == nil {
		return
	}
	if recheck {
		fresh, err := s.opts.Check(ctx, ed.Source)
		if err == nil {
			// Findings of other sources stay; this source's are replaced.
			var keep []check.Finding
			for _, f := range fs {
				if f.Source != ed.Source {
					keep = append(keep, f)
				}
			}
			s.findings = append(keep, fresh...)
			fs = s.findings
		}
	}
	po := s.opts.Page
	po.Manifest = m
	po.Findings = fs
	po.Sources = []string{ed.Source}
	p, err := BuildPage(ctx, po)
	if err != nil {
		return
	}
	for _, f := range p.Files {
		for _, r := range f.Rows {
			if r.ID != a.ID {
				continue
			}
			for _, cc := range r.Cells {
				if cc.Locale == a.Locale {
					c.Findings = cc.Findings
				}
			}
		}
	}
}

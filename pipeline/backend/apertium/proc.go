package apertium

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/locpipe/locpipe/internal/procgroup"
)

// The persistent command path keeps each mode's pipeline running between
// batches, in Apertium's null-flush mode (-z): every block written ends
// with a NUL, every stage flushes its output at a NUL, and the reply to a
// block is read up to the NUL that ends it. Writes and replies are in the
// same order, so many batches, from many files, are in flight in one
// pipeline at once and every stage works as it does on one big input.

// stage is one program of a mode's pipeline.
type stage struct {
	name string
	args []string
}

func (s stage) String() string { return strings.Join(append([]string{s.name}, s.args...), " ") }

// errUnsupportedMode is returned by parseStages for a pipeline that is
// more than programs, quoted words and $1/$2 joined by pipes.
var errUnsupportedMode = errors.New("apertium: mode pipeline needs a shell")

// parseStages splits a mode's pipeline (what apertium-wblank-mode -z
// writes) into its programs, with $1 as the generator's flag (-g: unknown
// words marked) and $2 as the tagger's (empty), as the apertium script
// passes them. An empty unquoted $2 is no word, as in the shell.
func parseStages(script string) ([]stage, error) {
	var stages []stage
	var words []string
	var word strings.Builder
	inWord := false
	end := func() {
		if inWord {
			words = append(words, word.String())
		}
		word.Reset()
		inWord = false
	}
	pipe := func() error {
		end()
		if len(words) == 0 || words[0] == "" {
			return fmt.Errorf("%w: empty stage in %q", errUnsupportedMode, script)
		}
		stages = append(stages, stage{name: words[0], args: words[1:]})
		words = nil
		return nil
	}
	s := strings.TrimSpace(script)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t':
			end()
		case '|':
			if err := pipe(); err != nil {
				return nil, err
			}
		case '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("%w: unclosed quote in %q", errUnsupportedMode, script)
			}
			word.WriteString(s[i+1 : i+1+j])
			inWord = true
			i += j + 1
		case '$':
			if i+1 < len(s) && (s[i+1] == '1' || s[i+1] == '2') {
				if s[i+1] == '1' {
					word.WriteString("-g")
					inWord = true
				}
				i++
				continue
			}
			return nil, fmt.Errorf("%w: %q", errUnsupportedMode, script)
		case '"', '\\', ';', '&', '<', '>', '`', '(', ')', '\n', '*', '?', '~', '{', '}':
			return nil, fmt.Errorf("%w: %q", errUnsupportedMode, script)
		default:
			word.WriteByte(c)
			inWord = true
		}
	}
	if err := pipe(); err != nil {
		return nil, err
	}
	return stages, nil
}

// modeStages reads a mode file's pipeline in null-flush form.
func modeStages(ctx context.Context, modeFile string) ([]stage, error) {
	out, err := exec.CommandContext(ctx, "apertium-wblank-mode", "-z", modeFile).Output()
	if err != nil {
		return nil, fmt.Errorf("apertium: apertium-wblank-mode -z %s: %w", modeFile, err)
	}
	stages, err := parseStages(string(out))
	if errors.Is(err, errUnsupportedMode) {
		// Run it as the apertium script would, but with pipefail.
		return []stage{{name: "bash", args: []string{"-o", "pipefail", "-c", string(out), "apertium", "-g", ""}}}, nil
	}
	return stages, err
}

// tail keeps the last bytes a stage wrote to its standard error.
type tail struct {
	mu  sync.Mutex
	buf []byte
}

const tailMax = 4096

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > tailMax {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-tailMax:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

// call is one batch in flight: its blocks, written at once, and their
// replies, read in order.
type call struct {
	want    int
	replies []string
	// check tells a reply to the block from what a dying pipeline writes
	// (stages flush, and end with a NUL, when their input ends).
	check func(i int, reply string) bool
	err   error
	done  chan struct{}
}

// errRestarted is the error of a call whose pipeline was stopped for
// another call (cancelled, timed out): it is sent again to a new one.
var errRestarted = errors.New("apertium: pipeline restarted")

// proc is one running pipeline of a mode.
type proc struct {
	mode   string
	cmds   []*exec.Cmd
	stages []stage
	errs   []*tail
	in     io.WriteCloser

	wmu sync.Mutex // orders writes with the queue

	mu      sync.Mutex
	pending []*call
	since   time.Time // when the head of pending became the head
	dead    error     // why it stopped; nil while it runs
	killed  error     // the reason given to kill, if it was killed
	exited  chan struct{}
}

// startProc starts the stages, each reading the previous one's output.
func startProc(mode string, stages []stage) (*proc, error) {
	p := &proc{mode: mode, stages: stages, exited: make(chan struct{})}
	var prevOut *os.File
	var closers []*os.File
	cleanup := func() {
		for _, f := range closers {
			f.Close()
		}
		for _, c := range p.cmds {
			if c.Process != nil {
				killStage(c)
				_ = c.Wait()
			}
		}
	}
	var out io.ReadCloser
	for i, s := range stages {
		cmd := exec.Command(s.name, s.args...)
		procgroup.Own(cmd) // killed with what it starts (a shell's children)
		errs := &tail{}
		cmd.Stderr = errs
		if i == 0 {
			w, err := cmd.StdinPipe()
			if err != nil {
				cleanup()
				return nil, err
			}
			p.in = w
		} else {
			cmd.Stdin = prevOut
		}
		if i == len(stages)-1 {
			r, err := cmd.StdoutPipe()
			if err != nil {
				cleanup()
				return nil, err
			}
			out = r
		} else {
			r, w, err := os.Pipe()
			if err != nil {
				cleanup()
				return nil, err
			}
			cmd.Stdout = w
			closers = append(closers, r, w)
			prevOut = r
		}
		if err := cmd.Start(); err != nil {
			cleanup()
			return nil, fmt.Errorf("apertium %s: starting %s: %w", mode, s.name, err)
		}
		p.cmds = append(p.cmds, cmd)
		p.errs = append(p.errs, errs)
	}
	// The children hold their ends now.
	for _, f := range closers {
		f.Close()
	}
	go p.read(bufio.NewReaderSize(out, 64<<10))
	return p, nil
}

// read hands the replies, NUL-terminated, to the calls in order, and when
// the pipeline's output ends, fails the calls still waiting.
func (p *proc) read(out *bufio.Reader) {
	var err error
	for {
		var reply string
		reply, err = out.ReadString(0)
		if err != nil {
			break
		}
		p.mu.Lock()
		if len(p.pending) == 0 {
			p.mu.Unlock()
			continue // the NULs a stage writes at the end of its input
		}
		c := p.pending[0]
		if c.check != nil && !c.check(len(c.replies), reply[:len(reply)-1]) {
			p.mu.Unlock()
			err = fmt.Errorf("apertium %s: a reply without its block: %.80q", p.mode, reply)
			break
		}
		c.replies = append(c.replies, reply[:len(reply)-1])
		if len(c.replies) == c.want {
			p.pending = p.pending[1:]
			p.since = time.Now()
			close(c.done)
		}
		p.mu.Unlock()
	}
	p.in.Close()
	// Let the stages end on their own, so that the one that failed says
	// so, then make sure they do.
	reaped := make(chan struct{})
	go func() {
		select {
		case <-reaped:
		case <-time.After(2 * time.Second):
			for _, c := range p.cmds {
				killStage(c)
			}
		}
	}()
	failed := p.wait()
	close(reaped)
	p.mu.Lock()
	switch {
	case p.killed != nil:
		p.dead = p.killed
	case failed != nil:
		p.dead = failed
	case err != io.EOF:
		p.dead = err
	default:
		p.dead = fmt.Errorf("apertium %s: the pipeline ended", p.mode)
	}
	for _, c := range p.pending {
		c.err = p.dead
		close(c.done)
	}
	p.pending = nil
	p.mu.Unlock()
	close(p.exited)
}

// wait reaps the stages and names the first that failed, with the line of
// its standard error that says why.
// A stage that dies of a broken pipe only wrote to one that failed first.
func (p *proc) wait() error {
	var first, cause error
	for i, c := range p.cmds {
		err := c.Wait()
		if err == nil {
			continue
		}
		msg := fmt.Sprintf("apertium %s: stage %d (%s) failed (%v)", p.mode, i+1, p.stages[i].name, err)
		if line := crashLine(p.errs[i].String()); line != "" {
			msg += ": " + line
		}
		if first == nil {
			first = errors.New(msg)
		}
		if cause == nil && !brokenPipe(c) {
			cause = errors.New(msg)
		}
	}
	if cause != nil {
		return cause
	}
	return first
}

// kill stops the pipeline; the calls waiting get reason.
func (p *proc) kill(reason error) {
	p.mu.Lock()
	if p.killed == nil && p.dead == nil {
		p.killed = reason
	}
	p.mu.Unlock()
	for _, c := range p.cmds {
		killStage(c)
	}
	<-p.exited
}

// close ends the pipeline. With no call in flight the stages hold nothing
// to flush, and are killed: a stage that sees the end of its input frees
// every automaton before it exits, 63–76 ms at the end of each run (7–10
// ms killed). Otherwise its input is closed and it has grace
// to end.
func (p *proc) close(grace time.Duration) {
	p.wmu.Lock() // no call is being written
	p.mu.Lock()
	idle := len(p.pending) == 0
	if idle && p.killed == nil && p.dead == nil {
		p.killed = ErrClosed // a call sent after this is refused
	}
	p.mu.Unlock()
	if !idle {
		p.in.Close()
	}
	p.wmu.Unlock()
	if idle {
		p.kill(ErrClosed)
		return
	}
	select {
	case <-p.exited:
	case <-time.After(grace):
		p.kill(errors.New("apertium: closed"))
	}
}

// load is how many blocks wait in p, and since when its head has waited;
// alive is false once it stopped.
func (p *proc) load() (blocks int, waited time.Duration, alive bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.dead != nil || p.killed != nil {
		return 0, 0, false
	}
	for _, c := range p.pending {
		blocks += c.want - len(c.replies)
	}
	if len(p.pending) > 0 {
		waited = time.Since(p.since)
	}
	return blocks, waited, true
}

// send writes the blocks of one call and waits for their replies.
func (p *proc) send(ctx context.Context, blocks []string, check func(int, string) bool, timeout time.Duration) ([]string, error) {
	c := &call{want: len(blocks), check: check, done: make(chan struct{})}
	p.wmu.Lock()
	p.mu.Lock()
	if p.dead != nil || p.killed != nil {
		p.mu.Unlock()
		p.wmu.Unlock()
		return nil, errRestarted
	}
	if len(p.pending) == 0 {
		p.since = time.Now()
	}
	p.pending = append(p.pending, c)
	p.mu.Unlock()
	// A write blocks while the pipeline is full: a cancel or a hung
	// pipeline must end it too.
	stopCancel := context.AfterFunc(ctx, func() { p.kill(errRestarted) })
	var stopTimer *time.Timer
	if timeout > 0 {
		stopTimer = time.AfterFunc(timeout, func() { p.kill(errRestarted) })
	}
	// One write for the call: the first stage wakes once per read, not
	// once per block.
	_, werr := io.WriteString(p.in, strings.Join(blocks, ""))
	stopCancel()
	if stopTimer != nil {
		stopTimer.Stop()
	}
	p.wmu.Unlock()
	if werr != nil && ctx.Err() != nil {
		<-c.done
		return nil, context.Cause(ctx)
	}
	if werr != nil {
		// The pipeline is going down: its reader fails the call.
		<-c.done
		return nil, c.err
	}
	var timer <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		timer = t.C
	}
	for {
		select {
		case <-c.done:
			return c.replies, c.err
		case <-ctx.Done():
			p.kill(errRestarted)
			return nil, context.Cause(ctx)
		case <-timer:
			// Timed out only if it is the head that waits that long: the
			// calls before it had their own time.
			p.mu.Lock()
			head := len(p.pending) > 0 && p.pending[0] == c
			waited := time.Since(p.since)
			p.mu.Unlock()
			if head && waited >= timeout {
				p.kill(errRestarted)
				return nil, fmt.Errorf("apertium %s: no reply in %s (the pipeline was restarted)", p.mode, timeout)
			}
			t := time.NewTimer(max(timeout-waited, time.Second))
			defer t.Stop()
			timer = t.C
		}
	}
}

// killStage kills a stage and what it started. A stage already reaped is
// left alone: its pid, which is its process group's id, may have been
// given to another process since (os.Process asks through a pidfd, which
// names this process and no other).
func killStage(cmd *exec.Cmd) {
	if cmd.Process == nil || errors.Is(cmd.Process.Signal(syscall.Signal(0)), os.ErrProcessDone) {
		return
	}
	procgroup.Signal(cmd.Process.Pid, true)
	_ = cmd.Process.Kill()
}

func (p *proc) pids() []int {
	var out []int
	for _, c := range p.cmds {
		out = append(out, c.Process.Pid)
	}
	return out
}

// pool holds a mode's running pipelines, at most size.
type pool struct {
	mode    string
	stages  []stage
	size    int
	timeout time.Duration

	mu     sync.Mutex
	procs  []*proc
	closed bool
}

// spawnAfter is how long the head of every pipeline must have waited for
// the pool to start one more.
const spawnAfter = 300 * time.Millisecond

// ErrClosed is returned for a request to a closed Translator.
var ErrClosed = errors.New("apertium: engine closed")

// get returns the pipeline to send to: the least loaded, or a new one
// when there is none or every one has kept its head waiting.
func (pl *pool) get() (*proc, error) {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	if pl.closed {
		return nil, ErrClosed
	}
	var best *proc
	bestLoad, busy := 0, true
	live := pl.procs[:0]
	for _, p := range pl.procs {
		n, waited, alive := p.load()
		if !alive {
			continue
		}
		live = append(live, p)
		if waited < spawnAfter {
			busy = false
		}
		if best == nil || n < bestLoad {
			best, bestLoad = p, n
		}
	}
	pl.procs = live
	if best != nil && (bestLoad == 0 || !busy || len(pl.procs) >= pl.size) {
		return best, nil
	}
	p, err := startProc(pl.mode, pl.stages)
	if err != nil {
		return nil, err
	}
	pl.procs = append(pl.procs, p)
	return p, nil
}

// translate sends the blocks through one pipeline; a call a restart for
// another call's sake interrupted is sent once more.
func (pl *pool) translate(ctx context.Context, blocks []string, check func(int, string) bool) ([]string, error) {
	for attempt := 0; ; attempt++ {
		p, err := pl.get()
		if err != nil {
			return nil, err
		}
		out, err := p.send(ctx, blocks, check, pl.timeout)
		if errors.Is(err, errRestarted) && attempt < 2 && ctx.Err() == nil {
			continue
		}
		return out, err
	}
}

func (pl *pool) close() {
	pl.mu.Lock()
	pl.closed = true
	procs := pl.procs
	pl.procs = nil
	pl.mu.Unlock()
	for _, p := range procs {
		p.close(5 * time.Second)
	}
}

func (pl *pool) pids() []int {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	var out []int
	for _, p := range pl.procs {
		out = append(out, p.pids()...)
	}
	return out
}

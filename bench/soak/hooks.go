package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

// runHooks is `soak hooks`: WebSub subscribers for the fault phase of
// soak.sh. It subscribes -hanging callbacks on 127.0.0.1, whose every
// delivery hangs until the process ends, and one good callback on
// localhost (another host to the hub), to -topic at -hub; waits until the
// hub has verified them all (/metrics of -base); writes -ready; then
// appends the time of each delivery the good callback gets, in Unix
// milliseconds, a line each, to -arrivals, until SIGTERM.
func runHooks(args []string) error {
	fs := flag.NewFlagSet("hooks", flag.ExitOnError)
	base := fs.String("base", "", "the server's base URL")
	topic := fs.String("topic", "", "the feed to subscribe to")
	hanging := fs.Int("hanging", 300, "callbacks that hang on every delivery")
	ready := fs.String("ready", "", "file written once every subscription is verified")
	arrivals := fs.String("arrivals", "", "file the good callback's deliveries are appended to")
	fs.Parse(args)
	if *base == "" || *topic == "" || *ready == "" || *arrivals == "" {
		return fmt.Errorf("hooks: -base, -topic, -ready and -arrivals are required")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	out, err := os.OpenFile(*arrivals, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer out.Close()
	verify := func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodGet {
			io.WriteString(w, r.URL.Query().Get("hub.challenge"))
			return true
		}
		return false
	}
	hang, err := serveOn("127.0.0.1:0", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !verify(w, r) {
			<-r.Context().Done() // until the hub gives up, or this process ends
		}
	}))
	if err != nil {
		return err
	}
	good, err := serveOn("localhost:0", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if verify(w, r) {
			return
		}
		io.Copy(io.Discard, r.Body)
		fmt.Fprintln(out, time.Now().UnixMilli())
	}))
	if err != nil {
		return err
	}
	_, goodPort, _ := net.SplitHostPort(good)
	callbacks := []string{"http://localhost:" + goodPort + "/push"}
	for i := range *hanging {
		callbacks = append(callbacks, fmt.Sprintf("http://%s/hang/%d", hang, i))
	}
	for _, cb := range callbacks {
		resp, err := http.PostForm(*base+"/websub", url.Values{"hub.mode": {"subscribe"}, "hub.topic": {*topic}, "hub.callback": {cb}})
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusAccepted {
			return fmt.Errorf("hooks: subscribe %s: %s", cb, resp.Status)
		}
	}
	want := fmt.Sprintf(`bulletinfeed_websub_subscriptions{state="active"} %d`, len(callbacks))
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(250 * time.Millisecond) {
		if time.Now().After(deadline) {
			return fmt.Errorf("hooks: the hub did not verify %d subscriptions within 2 minutes", len(callbacks))
		}
		resp, err := http.Get(*base + "/metrics")
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(b), want) {
			break
		}
	}
	if err := os.WriteFile(*ready, []byte("ready\n"), 0o644); err != nil {
		return err
	}
	<-ctx.Done()
	return nil
}

// serveOn serves h on addr in the background and returns the address it
// listens on.
func serveOn(addr string, h http.Handler) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	go http.Serve(ln, h)
	return ln.Addr().String(), nil
}

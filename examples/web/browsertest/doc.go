// Package browsertest tests zorgcheck in the browser (examples/web) in a real headless
// Chromium, driven over the DevTools protocol with github.com/chromedp/chromedp. It is a
// module of its own so that the library does not gain that dependency; its tests are run
// by .ci/checks/web.sh.
package browsertest

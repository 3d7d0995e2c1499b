//go:build integration

package ledger

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/money"
)

// killDSNEnv, when set, makes the test binary the child of TestApplyKilled: it applies a
// large delivery to that ledger and stops half way, waiting to be killed.
const killDSNEnv = "QLEDGER_KILL_CHILD_DSN"

func TestMain(m *testing.M) {
	if dsn := os.Getenv(killDSNEnv); dsn != "" {
		os.Exit(killChild(dsn))
	}
	os.Exit(m.Run())
}

// bigRedelivery re-delivers January for the four risicodragers with n records.
func bigRedelivery(n int) *Delivery {
	dl := &Delivery{Name: "big", Header: Header{Indiener: "9964", BronID: "B", Referentienummer: 2,
		DagtekeningAanmaak: d("20160219"), Begin: d("20160101"), Eind: d("20160131")}}
	dl.Records = make([]Record, n)
	for i := range dl.Records {
		dl.Records[i] = Record{Detail: int64(i + 1), Identificatie: fmt.Sprintf("big-%d", i), Risicodrager: cz[i%4],
			Verwerkingsdatum: d("20160101").AddDays(i % 31), DebetCredit: Debet, Declaratiebedrag: money.Cents(int64(i))}
	}
	return dl
}

func killChild(dsn string) int {
	l, err := openDSN(context.Background(), dsn)
	if err != nil {
		fmt.Println("ERROR", err)
		return 2
	}
	_, err = l.Apply(context.Background(), bigRedelivery(100000), Options{Progress: func(done, total int) {
		if done*2 >= total {
			// Half way: the old records are closed and half the new ones inserted, all
			// uncommitted. Say so and wait for the kill.
			fmt.Println("HALFWAY", done, total)
			time.Sleep(time.Minute)
			fmt.Println("NOT KILLED")
			os.Exit(3)
		}
	}})
	fmt.Println("FINISHED", err)
	return 3
}

// TestApplyKilled kills a process half way through an apply and finds the ledger as it
// was before; the next apply works.
func TestApplyKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	for _, db := range databases() {
		t.Run(db.name, func(t *testing.T) {
			dsn := db.dsn(t)
			l := openLedger(t, dsn)
			jan := daysOf("20160101", "20160131")
			mustApply(t, l, file("9964", "B", 1, "20160206", "20160101", "20160131", cz, jan...))
			before := allRecords(t, l)
			evBefore, err := l.Events(context.Background(), "", "")
			if err != nil {
				t.Fatal(err)
			}

			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), killDSNEnv+"="+dsn)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, err := bufio.NewReader(out).ReadString('\n')
			if err != nil || !strings.HasPrefix(line, "HALFWAY") {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("child said %q (%v), want HALFWAY", line, err)
			}
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()

			// A new connection sees the ledger as it was.
			l2 := openLedger(t, dsn)
			if after := allRecords(t, l2); !slices.Equal(before, after) {
				t.Fatalf("after the kill the ledger holds %d records (%d before), or they changed", len(after), len(before))
			}
			evAfter, err := l2.Events(context.Background(), "", "")
			if err != nil {
				t.Fatal(err)
			}
			if len(evAfter) != len(evBefore) {
				t.Fatalf("after the kill %d events, want %d", len(evAfter), len(evBefore))
			}
			// The lock died with the process: the same delivery applies now.
			p, err := l2.Apply(context.Background(), bigRedelivery(1000), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.Closed() != int64(len(before)) || p.Added() != 1000 {
				t.Errorf("apply after the kill closed %d, added %d; want %d, 1000", p.Closed(), p.Added(), len(before))
			}
		})
	}
}

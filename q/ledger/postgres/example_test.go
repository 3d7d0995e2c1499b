package postgres_test

import (
	"context"
	"errors"
	"log"
	"os"

	"github.com/zorgbericht/zorgbericht/q/ledger"
	"github.com/zorgbericht/zorgbericht/q/ledger/postgres"
)

// Open opens the ledger on the server at the URL. With MustExist a database that holds no
// ledger is refused rather than given new tables; errors never repeat the URL, which may
// hold a password. (Not run by go test: it needs a server.)
func ExampleOpen() {
	ctx := context.Background()
	l, err := postgres.Open(ctx, os.Getenv("ZORGBERICHT_POSTGRES_URL"), ledger.OpenOptions{MustExist: true})
	if errors.Is(err, ledger.ErrNoLedger) {
		log.Fatal("no ledger in this database: open it once without MustExist to create one")
	}
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
}

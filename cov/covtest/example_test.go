package covtest_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/zorgbericht/zorgbericht/cov"
	"github.com/zorgbericht/zorgbericht/cov/covtest"
)

func Example() {
	srv, err := covtest.Start(covtest.Options{}) // in a test: covtest.NewServer(t, …)
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	unknown := covtest.BSNs(1)[0]
	srv.Script(unknown, covtest.Answer{BSNOnbekend: true})

	tr, _ := cov.NewSOAPTransport(srv.SOAPConfig())
	client, _ := cov.NewClient(tr, cov.ClientOptions{AGB: cov.AGBRole{AGB: "01001234", Rol: cov.RolPraktijk}})
	_, err = client.Controleer(context.Background(), cov.Zoekopdracht{Geboortedatum: cov.NewDate(1980, 5, 17), BSN: unknown})
	fmt.Println(errors.Is(err, cov.ErrBSNUnknown), srv.Requests(unknown))

	claimsOnly, _ := cov.NewSOAPTransport(cov.SOAPConfig{Endpoint: srv.URL, TLS: srv.ClaimsOnlyTLS()})
	_, err = claimsOnly.Controleer(context.Background(), cov.Zoekopdracht{
		Peildatum: client.Today(), Geboortedatum: cov.NewDate(1980, 5, 17), BSN: unknown, AGB: "01001234", Rol: cov.RolPraktijk})
	fmt.Println(errors.Is(err, cov.ErrNotAuthorised))
	// Output:
	// true 1
	// true
}

package secret_test

import (
	"fmt"

	"github.com/locpipe/locpipe/internal/secret"
)

func ExampleURL() {
	fmt.Println(secret.URL("http://editor:hunter2@127.0.0.1:2737"))
	// Output: http://editor:xxxxx@127.0.0.1:2737
}

package rest

import (
	_ "embed"
	"net/http"
)

// openAPIDoc is the OpenAPI 3 document of the API, written by hand; TestOpenAPIMatchesRoutes keeps it and the
// route table in step.
//
//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) openAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(openAPIDoc)
}

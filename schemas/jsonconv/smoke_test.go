package jsonconv

import (
	"testing"

	"github.com/sluice-connect/sluice/schemas"
)

func TestSmoke(t *testing.T) {
	c, err := New(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	s := schemas.StructBuilder().Field("a", schemas.Int32Schema).Field("b", schemas.OptionalStringSchema).
		Field("f", schemas.Float64Schema).Name("n").Version(2).MustBuild()
	st, _ := schemas.NewStruct(s)
	st.Put("a", int32(5))
	st.Put("f", 1e10)
	b, err := c.FromConnectData("t", nil, s, st)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", b)
	gs, gv, err := c.ToConnectData("t", nil, b)
	if err != nil {
		t.Fatal(err)
	}
	if !gs.Equal(s) || !schemas.Equal(gv, st) {
		t.Fatalf("round trip: %v %v", gs, gv)
	}
	c2, _ := New(map[string]string{"schemas.enable": "false"}, false)
	_, v, err := c2.ToConnectData("t", nil, []byte(`{"a":[1,2.5,"x",true,null,{"b":-0.0}],"a":7, "c":"\u00e9\ud83d\ude00"}`))
	t.Logf("%#v %v", v, err)
	out, err := c2.FromConnectData("t", nil, nil, v)
	t.Logf("%s %v", out, err)
}

package glossary
import ("testing")
func TestQuick(t *testing.T){
 g,err:=Load("/tmp/lint.yaml"); if err!=nil{t.Fatal(err)}
 for _,f:=range Lint(g){t.Log(f)}
 for _,f:=range Lint(Builtin()){t.Log(f)}
}

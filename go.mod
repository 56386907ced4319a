module github.com/chanmodel/chanmodel

go 1.26

module github.com/sluice-connect/sluice

go 1.26

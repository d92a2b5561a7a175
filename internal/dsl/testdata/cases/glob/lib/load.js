var inner = glob("./inner/", true, "txt");

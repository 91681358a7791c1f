asha: hi
